internal import CYAML
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where each node of a YAML stream sits in its source bytes, from libyaml's event marks.
///
/// ``YAMLParser`` builds values; this map keeps positions, so that a file can be edited by
/// splicing bytes at known offsets instead of being re-emitted: comments, quoting, indentation and
/// line ends everywhere else stay as the user wrote them. Aliases are recorded, not expanded.
///
/// libyaml counts its mark `index` in characters (Unicode scalars), not bytes; the map converts,
/// so every offset here is a byte offset into the bytes given, byte-order mark included.
package struct YAMLSourceMap: Sendable {
    /// One node and its place in the source.
    package struct Span: Sendable {
        /// What the node holds.
        package enum Content: Sendable {
            case scalar(String, style: YAMLNode.ScalarStyle)
            case sequence([Span])
            case mapping([Entry])
            case alias
        }

        /// A key and its value in a mapping.
        package struct Entry: Sendable {
            package var key: Span
            package var value: Span
        }

        package var content: Content
        /// Written in flow style (`[a, b]`, `{a: b}`) rather than block style.
        package var isFlow: Bool
        /// From the node's first byte (a quote, a `[`, the first `-` of a block sequence, an
        /// anchor or tag) to just after its last: after the closing bracket of a flow
        /// collection, after the last character of a scalar. A block collection ends where the
        /// next token starts, which may be a later line.
        package var range: Range<Int>
        /// For a flow collection, the offset of its closing `]` or `}` (nil for the bracketless
        /// one-pair mapping that `? key` makes inside a flow sequence).
        package var closer: Int?
        /// 1-based line and column of the start, for messages.
        package var mark: YAMLNode.Mark

        /// The value for `key` in a mapping.
        package func value(forKey key: String) -> Span? {
            entry(forKey: key)?.value
        }

        /// The entry (key and value) for `key` in a mapping.
        package func entry(forKey key: String) -> Entry? {
            guard case .mapping(let entries) = content else { return nil }
            return entries.first { if case .scalar(key, _) = $0.key.content { return true } else { return false } }
        }

        /// A scalar's style, or nil for collections and aliases.
        package var scalarStyle: YAMLNode.ScalarStyle? {
            if case .scalar(_, let style) = content { return style }
            return nil
        }

        /// A scalar's text, or nil for collections and aliases.
        package var scalarValue: String? {
            if case .scalar(let value, _) = content { return value }
            return nil
        }
    }

    /// The root node of each document in the stream.
    package var documents: [Span]

    /// Maps `bytes`. Throws the same syntax errors as ``YAMLParser``.
    package init(bytes: [UInt8], maxDepth: Int = 256) throws(ManifestError) {
        let content = try TextEncoding.utf8Content(bytes)
        let bomLength = bytes.count - content.count
        do {
            documents = try content.withUnsafeBufferPointer { buffer in
                try Self.read(buffer, offsets: CharacterOffsets(buffer: buffer), base: bomLength, maxDepth: maxDepth)
            }
        } catch let error as ManifestError {
            throw error
        } catch {
            throw ManifestError(.syntax("\(error)"))
        }
    }

    private enum Frame {
        case sequence(items: [Span], flow: Bool, start: Int, mark: YAMLNode.Mark)
        case mapping(entries: [Span.Entry], pendingKey: Span?, flow: Bool, start: Int, mark: YAMLNode.Mark)
    }

    private static func read(_ buffer: UnsafeBufferPointer<UInt8>, offsets: CharacterOffsets, base: Int, maxDepth: Int) throws -> [Span] {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { throw ManifestError(.syntax("libyaml could not start")) }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)

        var documents: [Span] = []
        var stack: [Frame] = []
        var root: Span?

        func add(_ span: Span) throws {
            guard let top = stack.popLast() else { root = span; return }
            switch top {
            case .sequence(var items, let flow, let start, let mark):
                items.append(span)
                stack.append(.sequence(items: items, flow: flow, start: start, mark: mark))
            case .mapping(var entries, let pendingKey, let flow, let start, let mark):
                if let key = pendingKey {
                    entries.append(.init(key: key, value: span))
                    stack.append(.mapping(entries: entries, pendingKey: nil, flow: flow, start: start, mark: mark))
                } else {
                    stack.append(.mapping(entries: entries, pendingKey: span, flow: flow, start: start, mark: mark))
                }
            }
        }

        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else {
                let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
                let mark = YAMLNode.Mark(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
                throw ManifestError(.syntax(problem), documentIndex: documents.count, mark: mark)
            }
            defer { yaml_event_delete(&event) }
            let start = base + offsets.byteOffset(Int(event.start_mark.index))
            let end = base + offsets.byteOffset(Int(event.end_mark.index))
            let mark = YAMLNode.Mark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return documents
            case YAML_DOCUMENT_START_EVENT:
                root = nil
            case YAML_DOCUMENT_END_EVENT:
                documents.append(root ?? Span(content: .scalar("", style: .plain), isFlow: false, range: start..<start, closer: nil, mark: mark))
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let value = scalar.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: Int(scalar.length)), as: UTF8.self) } ?? ""
                try add(Span(content: .scalar(value, style: YAMLNode.ScalarStyle(scalar.style)), isFlow: false, range: start..<max(start, end), closer: nil, mark: mark))
            case YAML_ALIAS_EVENT:
                try add(Span(content: .alias, isFlow: false, range: start..<max(start, end), closer: nil, mark: mark))
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                guard stack.count < maxDepth else {
                    throw ManifestError(.limitExceeded("nesting deeper than \(maxDepth) levels"), documentIndex: documents.count, mark: mark)
                }
                if event.type == YAML_SEQUENCE_START_EVENT {
                    stack.append(.sequence(items: [], flow: event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE, start: start, mark: mark))
                } else {
                    stack.append(.mapping(entries: [], pendingKey: nil, flow: event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE, start: start, mark: mark))
                }
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                // The parser guarantees a start before every end; an empty stack here would be a
                // libyaml bug, reported as a syntax error rather than trusted.
                guard let frame = stack.popLast() else { throw ManifestError(.syntax("unbalanced collection end")) }
                // A flow collection's end has the width of its bracket, except for the implicit
                // one-pair mapping of `[? key: value]`, which has no brackets at all.
                let hasBracket = end > start
                switch frame {
                case .sequence(let items, let flow, let open, let openMark):
                    try add(Span(content: .sequence(items), isFlow: flow, range: open..<max(open, flow ? end : start), closer: flow && hasBracket ? start : nil, mark: openMark))
                case .mapping(let entries, _, let flow, let open, let openMark):
                    try add(Span(content: .mapping(entries), isFlow: flow, range: open..<max(open, flow ? end : start), closer: flow && hasBracket ? start : nil, mark: openMark))
                }
            default:
                break
            }
        }
    }
}

/// Converts libyaml's character indexes to byte offsets. Marks arrive in order, so a cursor
/// moves forward through the UTF-8 bytes: linear time over the whole parse and no table. ASCII
/// text (the usual manifest) needs no walking at all.
package final class CharacterOffsets: @unchecked Sendable {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let isASCII: Bool
    private var character = 0, byte = 0

    /// Offsets into a buffer that outlives the cursor (the parser's input, read in place).
    package init(buffer: UnsafeBufferPointer<UInt8>) {
        isASCII = !buffer.contains { $0 >= 0x80 }
        bytes = buffer
        count = buffer.count
    }

    private let count: Int

    /// The byte offset of the character at `index` (the end of the text for an index past it).
    package func byteOffset(_ index: Int) -> Int {
        if isASCII { return min(max(index, 0), count) }
        if index < character { character = 0; byte = 0 }  // not expected: marks only move forward
        while character < index && byte < count {
            byte += 1
            while byte < count && bytes[byte] & 0xC0 == 0x80 { byte += 1 }
            character += 1
        }
        return byte
    }
}
