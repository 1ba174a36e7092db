#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A node of a YAML (or JSON) document: a scalar, a sequence, or a mapping that keeps its keys in
/// document order. Anchors and aliases are already resolved.
///
/// Equality compares content only; positions are ignored.
public struct YAMLNode: Sendable, Hashable, CustomStringConvertible {
    /// Where a node starts in its source text (1-based).
    public struct Mark: Sendable, Hashable, CustomStringConvertible {
        /// The line, from 1.
        public var line: Int
        /// The column, from 1.
        public var column: Int
        /// A position, 1-based as editors count.
        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }
        public var description: String { "line \(line), column \(column)" }
    }

    /// How a scalar was, or should be, written.
    public enum ScalarStyle: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    /// A scalar's text with its style and explicit tag, if any.
    public struct Scalar: Sendable, Hashable {
        /// The text.
        public var value: String
        /// Style and tag in 8 bytes: large documents have hundreds of thousands of scalars.
        fileprivate(set) var attributes: Attributes

        /// How the scalar was, or should be, written.
        public var style: ScalarStyle {
            get { attributes.style }
            set { attributes = Attributes(style: newValue, tag: attributes.tag) }
        }

        /// The explicit or assigned tag in long form (`tag:yaml.org,2002:str`), or nil when the
        /// type is implied by the text (YAML 1.1 resolution of plain scalars).
        public var tag: String? {
            get { attributes.tag }
            set { attributes = Attributes(style: attributes.style, tag: newValue) }
        }

        /// A scalar as written: plain by default, with its tag when it has one.
        public init(_ value: String, style: ScalarStyle = .plain, tag: String? = nil) {
            self.value = value
            self.attributes = Attributes(style: style, tag: tag)
        }

        fileprivate init(value: String, attributes: Attributes) {
            self.value = value
            self.attributes = attributes
        }

        /// The scalar's text style, and whether it is tagged `!!str`. Only an uncommon tag needs
        /// storage of its own (a box).
        public static func == (lhs: Scalar, rhs: Scalar) -> Bool {
            lhs.value == rhs.value && lhs.style == rhs.style && lhs.tag == rhs.tag
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(value)
            hasher.combine(style)
            hasher.combine(tag)
        }

        /// The YAML 1.1 type of this scalar: quoted or `!!str`-tagged scalars are strings, plain
        /// ones are resolved from their text.
        public var resolved: YAMLResolver.Resolved {
            if let tag {
                return tag == YAMLNode.stringTag ? .string : YAMLResolver.resolve(value, tag: tag)
            }
            return style == .plain ? YAMLResolver.resolve(value) : .string
        }

        /// Whether this scalar is a string (as opposed to null, a bool, a number or a timestamp).
        public var isString: Bool {
            if case .string = resolved { return true }
            return false
        }
    }

    /// A scalar's style and tag in one pointer-sized value: each style with no tag or `!!str`
    /// is a case without payload; any other tag is boxed with its style.
    enum Attributes: Sendable {
        case plain, singleQuoted, doubleQuoted, literal, folded
        case plainString, singleQuotedString, doubleQuotedString, literalString, foldedString
        case tagged(TagBox)

        init(style: ScalarStyle, tag: String?) {
            switch (style, tag) {
            case (.plain, nil): self = .plain
            case (.singleQuoted, nil): self = .singleQuoted
            case (.doubleQuoted, nil): self = .doubleQuoted
            case (.literal, nil): self = .literal
            case (.folded, nil): self = .folded
            case (.plain, YAMLNode.stringTag?): self = .plainString
            case (.singleQuoted, YAMLNode.stringTag?): self = .singleQuotedString
            case (.doubleQuoted, YAMLNode.stringTag?): self = .doubleQuotedString
            case (.literal, YAMLNode.stringTag?): self = .literalString
            case (.folded, YAMLNode.stringTag?): self = .foldedString
            case (let style, let tag?): self = .tagged(TagBox(tag: tag, style: style))
            }
        }

        var style: ScalarStyle {
            switch self {
            case .plain, .plainString: return .plain
            case .singleQuoted, .singleQuotedString: return .singleQuoted
            case .doubleQuoted, .doubleQuotedString: return .doubleQuoted
            case .literal, .literalString: return .literal
            case .folded, .foldedString: return .folded
            case .tagged(let box): return box.style
            }
        }

        var tag: String? {
            switch self {
            case .plain, .singleQuoted, .doubleQuoted, .literal, .folded: return nil
            case .plainString, .singleQuotedString, .doubleQuotedString, .literalString, .foldedString: return YAMLNode.stringTag
            case .tagged(let box): return box.tag
            }
        }
    }

    /// An uncommon tag and the style it came with.
    final class TagBox: Sendable {
        let tag: String
        let style: ScalarStyle
        init(tag: String, style: ScalarStyle) {
            self.tag = tag
            self.style = style
        }
    }

    /// A mapping entry.
    public struct Pair: Sendable, Hashable {
        /// The key node: a string scalar in any Kubernetes manifest, though YAML allows more.
        public var key: YAMLNode
        /// The value node: a scalar, a sequence or a mapping.
        public var value: YAMLNode
        /// An entry; decoders, not this type, check that the key is a string.
        public init(key: YAMLNode, value: YAMLNode) {
            self.key = key
            self.value = value
        }
    }

    /// What a node holds.
    public enum Content: Sendable, Hashable {
        case scalar(Scalar)
        case sequence([YAMLNode])
        case mapping([Pair])
    }

    /// A scalar's text (empty for containers).
    private var text: String
    /// A scalar's attributes, or a container's children: one word either way.
    private var payload: Payload
    /// Line and column packed in 8 bytes (0 when unknown).
    private var packedMark: UInt64

    /// The payload of a node. Every case is one pointer (or none), so the whole node is
    /// 32 bytes: a 10 MB manifest has over half a million nodes.
    private enum Payload: Sendable {
        case plain, singleQuoted, doubleQuoted, literal, folded
        case plainString, singleQuotedString, doubleQuotedString, literalString, foldedString
        case tagged(TagBox)
        case sequence([YAMLNode])
        case mapping([Pair])

        init(_ attributes: Attributes) {
            switch attributes {
            case .plain: self = .plain
            case .singleQuoted: self = .singleQuoted
            case .doubleQuoted: self = .doubleQuoted
            case .literal: self = .literal
            case .folded: self = .folded
            case .plainString: self = .plainString
            case .singleQuotedString: self = .singleQuotedString
            case .doubleQuotedString: self = .doubleQuotedString
            case .literalString: self = .literalString
            case .foldedString: self = .foldedString
            case .tagged(let box): self = .tagged(box)
            }
        }

        /// The scalar attributes, or nil for a container.
        var attributes: Attributes? {
            switch self {
            case .plain: return .plain
            case .singleQuoted: return .singleQuoted
            case .doubleQuoted: return .doubleQuoted
            case .literal: return .literal
            case .folded: return .folded
            case .plainString: return .plainString
            case .singleQuotedString: return .singleQuotedString
            case .doubleQuotedString: return .doubleQuotedString
            case .literalString: return .literalString
            case .foldedString: return .foldedString
            case .tagged(let box): return .tagged(box)
            case .sequence, .mapping: return nil
            }
        }
    }

    /// The node's content.
    public var content: Content {
        get {
            switch payload {
            case .sequence(let items): return .sequence(items)
            case .mapping(let pairs): return .mapping(pairs)
            // Every payload but the two containers above has attributes: an invariant of the type.
            default: return .scalar(Scalar(value: text, attributes: payload.attributes ?? .plain))
            }
        }
        set {
            switch newValue {
            case .scalar(let scalar):
                text = scalar.value
                payload = Payload(scalar.attributes)
            case .sequence(let items):
                text = ""
                payload = .sequence(items)
            case .mapping(let pairs):
                text = ""
                payload = .mapping(pairs)
            }
        }
    }

    /// Where the node starts in its source, when it was parsed.
    public var mark: Mark? {
        get {
            packedMark == 0 ? nil : Mark(line: Int(packedMark >> 32), column: Int(packedMark & 0xFFFF_FFFF))
        }
        set {
            guard let newValue else { packedMark = 0; return }
            packedMark = UInt64(UInt32(clamping: newValue.line)) << 32 | UInt64(UInt32(clamping: newValue.column))
        }
    }

    /// A node of `content`, at `mark` in its source when it was parsed.
    public init(_ content: Content, mark: Mark? = nil) {
        self.text = ""
        self.payload = .sequence([])
        self.packedMark = 0
        self.content = content
        self.mark = mark
    }

    public static func == (lhs: YAMLNode, rhs: YAMLNode) -> Bool { lhs.content == rhs.content }
    public func hash(into hasher: inout Hasher) { hasher.combine(content) }

    // MARK: Building

    static let stringTag = "tag:yaml.org,2002:str"

    /// A string scalar: always a string, however it looks.
    public static func string(_ value: String) -> YAMLNode {
        YAMLNode(.scalar(Scalar(value, tag: stringTag)))
    }

    /// A boolean scalar.
    public static func bool(_ value: Bool) -> YAMLNode {
        YAMLNode(.scalar(Scalar(value ? "true" : "false")))
    }

    /// An integer scalar.
    public static func int(_ value: Int) -> YAMLNode {
        YAMLNode(.scalar(Scalar(String(value))))
    }

    /// The null scalar.
    public static var null: YAMLNode { YAMLNode(.scalar(Scalar("null"))) }

    /// A sequence of `items`, in order.
    public static func sequence(_ items: [YAMLNode]) -> YAMLNode { YAMLNode(.sequence(items)) }

    /// A mapping with string keys, in the given order.
    public static func mapping(_ pairs: [(String, YAMLNode)]) -> YAMLNode {
        YAMLNode(.mapping(pairs.map { Pair(key: .string($0.0), value: $0.1) }))
    }

    /// A mapping of strings to strings, keys sorted bytewise (Go's order for maps in JSON).
    public static func sortedStringMap(_ map: [String: String]) -> YAMLNode {
        mapping(map.sorted { GoYAMLKeyOrder.bytewise($0.key, $1.key) }.map { ($0.key, .string($0.value)) })
    }

    // MARK: Reading

    /// The scalar, if this is one.
    public var scalar: Scalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    /// The items, if this is a sequence.
    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// The entries, if this is a mapping.
    public var mapping: [Pair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// Whether this is the null scalar (`null`, `~`, empty, in plain style).
    public var isNull: Bool {
        if case .null = scalar?.resolved { return true }
        return false
    }

    /// The value for a string key of a mapping, matched exactly.
    public subscript(key: String) -> YAMLNode? {
        mapping?.first { $0.key.scalar?.value == key }?.value
    }

    /// The source position of each string key's value, for a mapping (the first of repeated
    /// keys): one pass, where a lookup per key would search the mapping once per key.
    public var marksByKey: [String: Mark] {
        guard let pairs = mapping else { return [:] }
        var marks: [String: Mark] = [:]
        marks.reserveCapacity(pairs.count)
        for pair in pairs {
            if let key = pair.key.scalar?.value, marks[key] == nil, let mark = pair.value.mark { marks[key] = mark }
        }
        return marks
    }

    /// A short name for the node's kind, for error messages.
    public var kindName: String {
        switch content {
        case .scalar(let scalar):
            switch scalar.resolved {
            case .null: return "null"
            case .bool: return "a boolean"
            case .int, .float: return "a number"
            case .timestamp: return "a timestamp"
            case .string: return "a string"
            }
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }

    public var description: String {
        switch content {
        case .scalar(let scalar): return scalar.value
        case .sequence(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .mapping(let pairs): return "{" + pairs.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        }
    }

    /// Number of nodes in this subtree, itself included.
    var nodeCount: Int {
        switch content {
        case .scalar: return 1
        case .sequence(let items): return items.reduce(1) { $0 + $1.nodeCount }
        case .mapping(let pairs): return pairs.reduce(1) { $0 + $1.key.nodeCount + $1.value.nodeCount }
        }
    }
}
