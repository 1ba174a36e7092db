internal import CYAML
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads YAML streams into ``YAMLNode`` trees through libyaml's event API.
///
/// Anchors and aliases are resolved, with a cap on how many nodes aliases may expand to (a
/// "billion laughs" document is an error, not an out-of-memory); nesting depth is capped, and
/// the tree is built without recursion, so hostile nesting cannot overflow the stack. Duplicate
/// mapping keys are an error, as in kubectl.
public struct YAMLParser: Sendable {
    /// Safety limits for untrusted input.
    public struct Limits: Sendable {
        /// Deepest nesting of sequences and mappings.
        public var maxDepth: Int
        /// Most nodes that aliases may add to one document.
        public var maxAliasExpansion: Int

        /// Limits; the defaults suit any real manifest.
        public init(maxDepth: Int = 256, maxAliasExpansion: Int = 100_000) {
            self.maxDepth = maxDepth
            self.maxAliasExpansion = maxAliasExpansion
        }
    }

    /// What a mapping key given twice means.
    public enum RepeatedKeys: Sendable {
        /// An error, as kubectl's strict decoding of manifests refuses it.
        case refuse
        /// The later one replaces the earlier one's value, as kustomize reads its own
        /// kustomization files; each is reported in ``Document/repeatedKeys``.
        case laterWins
    }

    /// A key that a mapping gives twice (with ``RepeatedKeys/laterWins``).
    public struct RepeatedKey: Sendable, Hashable {
        /// The key.
        public var key: String
        /// Where it is first given, and where it is given again (the one that counts).
        public var first: YAMLNode.Mark, later: YAMLNode.Mark
    }

    /// One document of a stream.
    public struct Document: Sendable {
        /// The root node.
        public var root: YAMLNode
        /// The document's index in the stream (0-based).
        public var index: Int
        /// Byte offsets of the document's content in the input (after a UTF-8 byte-order mark).
        public var byteRange: Range<Int>
        /// The keys given twice in one mapping, when the parser lets the later one win.
        public var repeatedKeys: [RepeatedKey] = []
    }

    /// The limits in force.
    public var limits: Limits
    /// What a key given twice means; by default an error.
    public var repeatedKeys: RepeatedKeys

    /// A parser.
    public init(limits: Limits = Limits(), repeatedKeys: RepeatedKeys = .refuse) {
        self.limits = limits
        self.repeatedKeys = repeatedKeys
    }

    /// Parses every document of a YAML stream. Empty documents are kept (as null roots).
    public func parse(_ bytes: [UInt8]) throws(ManifestError) -> [Document] {
        try parse(validated: try TextEncoding.utf8Content(bytes))
    }

    /// Parses content that ``TextEncoding/utf8Content(_:)`` has already checked (and stripped
    /// of a byte-order mark), so that callers that need the content too check it once.
    func parse(validated content: ArraySlice<UInt8>) throws(ManifestError) -> [Document] {
        do {
            // Read the caller's bytes in place: a copy would add the input's size to the peak.
            return try content.withUnsafeBufferPointer { buffer in
                var reader = EventReader(buffer: buffer, limits: limits, repeatedKeys: repeatedKeys)
                return try reader.readDocuments()
            }
        } catch let error as ManifestError {
            throw error
        } catch {
            throw ManifestError(.syntax("\(error)"))
        }
    }

    /// Parses a stream that must hold exactly one document.
    public func parseSingle(_ bytes: [UInt8]) throws(ManifestError) -> YAMLNode {
        let documents = try parse(bytes)
        guard let first = documents.first else { throw ManifestError(.empty) }
        guard documents.count == 1 else {
            throw ManifestError(.syntax("expected one document, found \(documents.count)"), documentIndex: 1)
        }
        return first.root
    }
}

/// The event loop and iterative tree builder behind ``YAMLParser``.
private struct EventReader {
    /// A sequence or mapping being read. A struct, so that the top of the stack is appended to
    /// in place (an enum's payload had to be taken out and put back for every node).
    private struct Frame {
        let isMapping: Bool
        let anchor: String?
        let mark: YAMLNode.Mark
        var items: [YAMLNode] = []
        var pairs: [YAMLNode.Pair] = []
        /// A mapping's key, until its value arrives.
        var pendingKey: YAMLNode?
        /// With later-wins keys: the index of the earlier pair that the pending key replaces.
        var replacing: Int?
        /// A large mapping's keys (see ``isRepeatedKey(_:)``).
        var keys: Set<String>?

        /// A merge key (`<<`) may repeat.
        static let mergeTag = "tag:yaml.org,2002:merge"

        /// Whether `text` is already a key of this mapping (merge keys aside). Small mappings,
        /// nearly all of them, are searched; from 16 keys on, `keys` holds them all, so that a
        /// mapping of thousands stays linear without a hash and an allocation for every mapping.
        mutating func isRepeatedKey(_ text: String) -> Bool {
            let searchLimit = 16
            guard pairs.count >= searchLimit else {
                return pairs.contains { $0.key.scalar?.value == text && $0.key.scalar?.tag != Frame.mergeTag }
            }
            if keys == nil { keys = Set(pairs.compactMap { $0.key.scalar?.tag != Frame.mergeTag ? $0.key.scalar?.value : nil }) }
            return keys?.insert(text).inserted == false
        }
    }

    let buffer: UnsafeBufferPointer<UInt8>
    let limits: YAMLParser.Limits
    /// libyaml's mark indexes count characters; documents' ranges are in bytes.
    private let offsets: CharacterOffsets

    private var stack: [Frame] = []
    private var anchors: [String: YAMLNode] = [:]
    private var expanded = 0
    private var root: YAMLNode?
    private var documentIndex = 0
    private var documentStart = 0

    private let repeatedKeyPolicy: YAMLParser.RepeatedKeys
    private var repeatedKeys: [YAMLParser.RepeatedKey] = []

    init(buffer: UnsafeBufferPointer<UInt8>, limits: YAMLParser.Limits, repeatedKeys: YAMLParser.RepeatedKeys) {
        repeatedKeyPolicy = repeatedKeys
        self.buffer = buffer
        self.limits = limits
        self.offsets = CharacterOffsets(buffer: buffer)
    }

    mutating func readDocuments() throws -> [YAMLParser.Document] {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { throw ManifestError(.syntax("libyaml could not start")) }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)

        var documents: [YAMLParser.Document] = []
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else { throw syntaxError(parser) }
            defer { yaml_event_delete(&event) }
            let mark = Self.mark(event.start_mark)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return documents
            case YAML_DOCUMENT_START_EVENT:
                anchors = [:]
                expanded = 0
                root = nil
                documentStart = offsets.byteOffset(Int(event.start_mark.index))
            case YAML_DOCUMENT_END_EVENT:
                let end = offsets.byteOffset(Int(event.end_mark.index))
                documents.append(.init(root: root ?? .null, index: documentIndex, byteRange: documentStart..<max(documentStart, end), repeatedKeys: repeatedKeys))
                repeatedKeys = []
                documentIndex += 1
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let value = Self.string(scalar.value, Int(scalar.length))
                let tag = scalar.tag.map { String(cString: $0) }
                let node = YAMLNode(.scalar(.init(value, style: YAMLNode.ScalarStyle(scalar.style), tag: tag)), mark: mark)
                try add(node, anchor: scalar.anchor.map { String(cString: $0) })
            case YAML_SEQUENCE_START_EVENT:
                try push(Frame(isMapping: false, anchor: event.data.sequence_start.anchor.map { String(cString: $0) }, mark: mark))
            case YAML_MAPPING_START_EVENT:
                try push(Frame(isMapping: true, anchor: event.data.mapping_start.anchor.map { String(cString: $0) }, mark: mark))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                // Exact-size copies drop the slack that growth by appending left behind.
                let frame = stack.removeLast()
                let node = frame.isMapping ? YAMLNode(.mapping(frame.pairs.withUnsafeBufferPointer { Array($0) }), mark: frame.mark)
                    : YAMLNode(.sequence(frame.items.withUnsafeBufferPointer { Array($0) }), mark: frame.mark)
                try add(node, anchor: frame.anchor)
            case YAML_ALIAS_EVENT:
                let name = String(cString: event.data.alias.anchor)
                guard var node = anchors[name] else {
                    throw ManifestError(.syntax("unknown alias *\(name)"), documentIndex: documentIndex, mark: mark)
                }
                expanded += node.nodeCount
                guard expanded <= limits.maxAliasExpansion else {
                    throw ManifestError(.limitExceeded("aliases expand to more than \(limits.maxAliasExpansion) nodes (a \"billion laughs\" document?)"),
                                        documentIndex: documentIndex, mark: mark)
                }
                node.mark = mark
                try add(node, anchor: nil)
            default:
                break  // stream start, no-op
            }
        }
    }

    private mutating func push(_ frame: Frame) throws {
        guard stack.count < limits.maxDepth else {
            throw ManifestError(.limitExceeded("nesting deeper than \(limits.maxDepth) levels"), documentIndex: documentIndex, mark: frame.mark)
        }
        stack.append(frame)
    }

    private mutating func add(_ node: YAMLNode, anchor: String?) throws {
        if let anchor { anchors[anchor] = node }
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        if !stack[top].isMapping {
            stack[top].items.append(node)
        } else if let key = stack[top].pendingKey {
            if let replaced = stack[top].replacing {
                stack[top].pairs[replaced].value = node
                stack[top].replacing = nil
            } else {
                stack[top].pairs.append(.init(key: key, value: node))
            }
            stack[top].pendingKey = nil
        } else {
            if let text = node.scalar?.value, node.scalar?.tag != Frame.mergeTag, stack[top].isRepeatedKey(text) {
                guard repeatedKeyPolicy == .laterWins,
                      let earlier = stack[top].pairs.lastIndex(where: { $0.key.scalar?.value == text && $0.key.scalar?.tag != Frame.mergeTag }) else {
                    throw ManifestError(.duplicateKey(text), documentIndex: documentIndex, mark: node.mark)
                }
                repeatedKeys.append(.init(key: text, first: stack[top].pairs[earlier].key.mark ?? node.mark ?? .init(line: 1, column: 1),
                                          later: node.mark ?? .init(line: 1, column: 1)))
                stack[top].replacing = earlier
            }
            stack[top].pendingKey = node
        }
    }

    private func syntaxError(_ parser: yaml_parser_t) -> ManifestError {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        let context = parser.context.map { String(cString: $0) }
        let message = context.map { "\(problem) \($0)" } ?? problem
        // Reader errors (control characters, bad encodings) carry a byte offset, not a mark.
        let mark = parser.error == YAML_READER_ERROR
            ? TextEncoding.mark(at: Int(parser.problem_offset), in: ArraySlice(buffer))
            : Self.mark(parser.problem_mark)
        return ManifestError(.syntax(message), documentIndex: documentIndex, mark: mark)
    }

    private static func mark(_ mark: yaml_mark_t) -> YAMLNode.Mark {
        YAMLNode.Mark(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, _ length: Int) -> String {
        guard let pointer, length > 0 else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

}

extension YAMLNode.ScalarStyle {
    /// The style libyaml reports for a scalar event.
    init(_ style: yaml_scalar_style_t) {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: self = .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: self = .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: self = .literal
        case YAML_FOLDED_SCALAR_STYLE: self = .folded
        default: self = .plain
        }
    }
}
