#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A manifest file's text cut into its documents, so that some documents can be replaced while
/// every other byte of the file, other documents, comments and separators included, stays as it
/// was.
///
/// YAML is cut at `---` and `...` lines; JSON streams at each top-level value. The cut is
/// checked against the parser: documents with content must match the parsed documents one to
/// one, or the file is refused rather than risk changing what it should not.
public struct ManifestText: Sendable {
    /// One document's text and what precedes it.
    struct Piece: Sendable {
        /// Separators, blank lines and white space before the body (`---\n`).
        var prefix: String
        /// The document's own text.
        var body: String
        /// Whether the body holds anything but blank lines and comments.
        var hasContent: Bool
    }

    /// The syntax of the file.
    public let format: ManifestStream.Format
    /// The parsed documents with content, in order; `replaceDocument(at:with:)` indexes these.
    public let documents: [YAMLNode]
    private var pieces: [Piece]
    private var contentIndices: [Int]

    /// Cuts `bytes` into documents.
    public init(bytes: [UInt8]) throws(ManifestError) {
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? "\u{FEFF}" : ""
        format = ManifestStream.detectFormat(bytes)
        var pieces: [Piece]
        switch format {
        case .json:
            let values = try JSONParser().parseStreamWithRanges(bytes)
            let content = Array(try TextEncoding.utf8Content(bytes))
            var cursor = 0
            pieces = []
            for (_, range) in values {
                pieces.append(Piece(prefix: String(decoding: content[cursor..<range.lowerBound], as: UTF8.self),
                                    body: String(decoding: content[range], as: UTF8.self), hasContent: true))
                cursor = range.upperBound
            }
            pieces.append(Piece(prefix: String(decoding: content[cursor...], as: UTF8.self), body: "", hasContent: false))
            documents = values.map(\.0)
        case .yaml:
            let content = try TextEncoding.utf8Content(bytes)
            let parsed = try YAMLParser().parse(validated: content).map(\.root).filter { !$0.isNull }
            pieces = Self.yamlPieces(String(decoding: content, as: UTF8.self))
            documents = parsed
        }
        if !bom.isEmpty { pieces[0].prefix = bom + pieces[0].prefix }
        let withContent = pieces.indices.filter { pieces[$0].hasContent }
        self.pieces = pieces
        contentIndices = withContent
        guard withContent.count == documents.count else {
            throw ManifestError(.syntax("cannot cut the file into its \(documents.count) documents safely (found \(withContent.count) pieces); it is left unchanged"))
        }
    }

    /// The whole text, with replacements.
    public var text: String {
        pieces.map { $0.prefix + $0.body }.joined()
    }

    /// The 1-based line of the file on which document `index`'s own text starts.
    public func firstLine(of index: Int) -> Int {
        let before = pieces[..<contentIndices[index]].map { $0.prefix + $0.body }.joined() + pieces[contentIndices[index]].prefix
        return before.reduce(1) { $0 + ($1 == "\n" || $1 == "\r\n" ? 1 : 0) }
    }

    /// Document `index`'s own text, as in the file (comments inside it included).
    public func body(at index: Int) -> String {
        pieces[contentIndices[index]].body
    }

    /// Sets document `index`'s own text to `body`, exactly: for edits that keep everything but
    /// the bytes they mean to change.
    public mutating func setBody(at index: Int, _ body: String) {
        pieces[contentIndices[index]].body = body
    }

    /// Whether document `index`'s text, as it is now, still cuts as one document in its place:
    /// no separator line inside it, no content before its own text, and a line break at its end
    /// when a document follows. An edit that broke this would merge or split documents.
    public func bodyStaysOneDocument(at index: Int) -> Bool {
        let pieceIndex = contentIndices[index]
        let body = pieces[pieceIndex].body
        guard format == .yaml else { return true }
        let cut = Self.yamlPieces(body)
        guard cut.count == 1, cut[0].prefix.isEmpty, cut[0].hasContent else { return false }
        return pieceIndex == pieces.count - 1 || body.utf8.last == UInt8(ascii: "\n")
    }

    /// Replaces document `index`'s text. For YAML, the file's own separator, the comments
    /// before the document and those after its last line of content are kept; `newText` should
    /// not start with `---`.
    public mutating func replaceDocument(at index: Int, with newText: String) {
        let pieceIndex = contentIndices[index]
        var body = newText
        if format == .yaml {
            var lines = Self.lines(pieces[pieceIndex].body)
            var trailing: [String] = []
            while let last = lines.last, !Self.isContent(Self.stripped(last)) {
                trailing.insert(lines.removeLast(), at: 0)
            }
            body += trailing.joined()
        }
        pieces[pieceIndex].body = body
    }

    /// Cuts YAML text at separator lines (`---`, `...`, alone or followed by a comment). Blank
    /// and comment lines before a document's first content go with its prefix.
    static func yamlPieces(_ text: String) -> [Piece] {
        var pieces: [Piece] = []
        var current = Piece(prefix: "", body: "", hasContent: false)
        for line in lines(text) {
            let content = stripped(line)
            if isSeparator(content) {
                if current.hasContent {
                    pieces.append(current)
                    current = Piece(prefix: line, body: "", hasContent: false)
                } else {
                    current.prefix += current.body + line
                    current.body = ""
                }
            } else if !current.hasContent && !isContent(content) {
                current.prefix += line
            } else {
                current.body += line
                if isContent(content) { current.hasContent = true }
            }
        }
        pieces.append(current)
        return pieces
    }

    /// The lines of `text`, each with its line break. Cut at LF bytes, not at Characters: Swift
    /// reads CR LF as one Character that is not "\n", and a line of a lone CR would otherwise
    /// swallow the separator after it.
    static func lines(_ text: String) -> [String] {
        var result: [String] = []
        let bytes = text.utf8
        var start = bytes.startIndex
        while let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            let next = bytes.index(after: newline)
            result.append(String(decoding: bytes[start..<next], as: UTF8.self))
            start = next
        }
        if start < bytes.endIndex { result.append(String(decoding: bytes[start...], as: UTF8.self)) }
        return result
    }

    /// A line without its line break.
    static func stripped(_ line: String) -> String {
        let bytes = line.utf8
        var end = bytes.endIndex
        while end > bytes.startIndex {
            let before = bytes.index(before: end)
            guard bytes[before] == UInt8(ascii: "\n") || bytes[before] == UInt8(ascii: "\r") else { break }
            end = before
        }
        return end == bytes.endIndex ? line : String(line[..<end])
    }

    private static func isSeparator(_ line: String) -> Bool {
        let bytes = Array(line.utf8.prefix(3))
        guard bytes == Array("---".utf8) || bytes == Array("...".utf8) else { return false }
        // The marker alone, or followed by white space and at most a comment.
        let rest = line.utf8.dropFirst(3)
        guard let first = rest.first else { return true }
        guard first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") || first == UInt8(ascii: "\r") else { return false }
        guard let next = rest.first(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") && $0 != UInt8(ascii: "\r") }) else { return true }
        return next == UInt8(ascii: "#")
    }

    /// Whether a line holds anything but white space and a comment. Over bytes: a manifest's
    /// lines are mostly long base64 values, and a walk over Characters cost more than libyaml's
    /// parse of them.
    ///
    /// YAML ends a comment at any line break, a lone CR too (`#\r{` is a comment and then a
    /// flow mapping): the parts after each CR are judged on their own.
    private static func isContent(_ line: String) -> Bool {
        line.utf8.split(separator: UInt8(ascii: "\r")).contains { part in
            part.first(where: { !isBlank($0) }).map { $0 != UInt8(ascii: "#") } ?? false
        }
    }

    /// What YAML takes for white space within a line: space and tab (and the CR of a line end).
    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }
}
