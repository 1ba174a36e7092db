#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSerialization

/// A Kubernetes object SealKit reads and writes: decoded from a node, encoded back to one.
public protocol KubernetesObject: Sendable {
    /// Decodes the object; wrong kinds, wrong types and invalid values are errors naming the field.
    init(node: YAMLNode, options: DecodingOptions) throws(ManifestError)
    /// The object as a node, fields in the order Go's JSON encoding writes them.
    var node: YAMLNode { get }
}

extension KubernetesObject {
    /// Decodes the object from one stream document, with that document's location in errors.
    public init(document: ManifestDocument) throws(ManifestError) {
        do {
            try self.init(node: document.node, options: document.decodingOptions)
        } catch {
            throw error.inDocument(document.index)
        }
    }

    /// The object as kubeseal prints it, in YAML (starting with `---`) or JSON (ending in `\n`).
    public func formatted(as format: KubesealFormat.OutputFormat) throws(ManifestError) -> String {
        try KubesealFormat.document(node, format: format)
    }
}

/// Checks `kind` (and the API group of `apiVersion`) of an object being decoded.
func expectKind(_ reader: FieldReader, kind: String, apiGroup: String?) throws(ManifestError) {
    let found = try reader.string("kind")
    guard found == kind else {
        let description = found.map { "a \($0)" } ?? "an object without kind"
        throw ManifestError(.wrongKind(expected: "a \(kind)", found: description), mark: reader.node.mark)
    }
    if let apiGroup, let apiVersion = try reader.string("apiVersion") {
        let group = apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : ""
        guard group == apiGroup else {
            throw ManifestError(.wrongKind(expected: "apiVersion \(apiGroup.isEmpty ? "v1" : apiGroup + "/…") for a \(kind)", found: apiVersion), mark: reader.value("apiVersion")?.mark)
        }
    }
}
