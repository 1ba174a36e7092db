#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport

/// One Kubernetes object of a manifest stream, with where it came from.
public struct ManifestDocument: Sendable {
    /// The object.
    public var node: YAMLNode
    /// The document's index in its stream (0-based).
    public var index: Int
    /// For an item of a `kind: List`, its index in `items`.
    public var itemIndex: Int?
    /// Where the object starts in the source text.
    public var mark: YAMLNode.Mark?
    /// The format it was read from.
    public var format: ManifestStream.Format

    /// The object's `kind`, if it has one.
    public var kind: String? { node["kind"]?.scalar?.value }
    /// The object's `apiVersion`, if it has one.
    public var apiVersion: String? { node["apiVersion"]?.scalar?.value }

    /// How to decode this document: YAML input gets kubeseal's string coercion, JSON does not.
    public var decodingOptions: DecodingOptions { format.decodingOptions }

    /// A name for messages: `document 2` or `document 1, item 3`.
    public var locationDescription: String {
        itemIndex.map { "document \(index + 1), item \($0 + 1)" } ?? "document \(index + 1)"
    }
}

/// A file of Kubernetes objects: a YAML stream (`---`-separated), a JSON stream (concatenated
/// objects, as kubeseal reads), and the items of any `kind: List`.
public struct ManifestStream: Sendable {
    /// The syntax of a stream: the same two formats kubeseal writes.
    public typealias Format = KubesealFormat.OutputFormat

    /// The stream's syntax: JSON when the first non-blank character is `{` or `[`.
    public let format: Format
    /// The non-empty documents, Lists expanded when asked.
    public let documents: [ManifestDocument]

    /// The largest input read (``/SealKitSupport/FileBytes/defaultLimit``).
    public static let maximumInputSize = FileBytes.defaultLimit

    /// Reads a stream. Empty documents are skipped; `kind: List` items become documents of their
    /// own when `expandingLists` is true.
    public init(bytes: [UInt8], expandingLists: Bool = true) throws(ManifestError) {
        guard bytes.count <= Self.maximumInputSize else {
            throw ManifestError(.limitExceeded("the input is \(bytes.count / (1024 * 1024)) MiB; manifests larger than \(Self.maximumInputSize / (1024 * 1024)) MiB are refused"))
        }
        format = Self.detectFormat(bytes)
        var roots: [(YAMLNode, Int)] = []
        switch format {
        case .json:
            roots = try JSONParser().parseStream(bytes).enumerated().map { ($1, $0) }
        case .yaml:
            roots = try YAMLParser().parse(bytes).map { ($0.root, $0.index) }
        }
        var documents: [ManifestDocument] = []
        for (root, index) in roots where !root.isNull {
            if expandingLists, root["kind"]?.scalar?.value == "List", let items = root["items"] {
                guard let sequence = items.sequence else {
                    throw ManifestError(.invalidField(field: "items", problem: "expected a list, found \(items.kindName)"), documentIndex: index, mark: items.mark)
                }
                for (itemIndex, item) in sequence.enumerated() {
                    documents.append(ManifestDocument(node: item, index: index, itemIndex: itemIndex, mark: item.mark, format: format))
                }
            } else {
                documents.append(ManifestDocument(node: root, index: index, itemIndex: nil, mark: root.mark, format: format))
            }
        }
        self.documents = documents
    }

    /// Reads a stream from a string.
    public init(text: String, expandingLists: Bool = true) throws(ManifestError) {
        try self.init(bytes: Array(text.utf8), expandingLists: expandingLists)
    }

    /// JSON when the first non-blank character (after a UTF-8 byte-order mark) is `{` or `[`.
    public static func detectFormat(_ bytes: [UInt8]) -> Format {
        let content = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        let first = content.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[") ? .json : .yaml
    }
}
