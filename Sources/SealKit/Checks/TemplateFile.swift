import SealKitSerialization

/// A file that is a template (Helm's, or any Go template: `{{ .Values.x }}`) rather than a
/// manifest. Templates often are not YAML until rendered, and what they become depends on their
/// values, so a checker says what it is and that it checked nothing, instead of a YAML error.
enum TemplateFile {
    /// Whether bytes that did not parse look like a template: they hold an action's `{{`.
    static func looksLikeTemplate(_ bytes: [UInt8]) -> Bool {
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == UInt8(ascii: "{") && previous == UInt8(ascii: "{") { return true }
            previous = byte
        }
        return false
    }

    /// Whether a stream that parsed is a template all the same: YAML reads an unquoted
    /// `{{ .Values.x }}` as a flow mapping whose key is a mapping, which no manifest has. (A
    /// SealedSecret's own `spec.template.data` templates are quoted strings, and stay manifests.)
    static func isTemplate(_ bytes: [UInt8], parsed documents: [YAMLNode]) -> Bool {
        guard looksLikeTemplate(bytes) else { return false }
        func hasMappingKey(_ node: YAMLNode) -> Bool {
            switch node.content {
            case .scalar: return false
            case .sequence(let items): return items.contains(where: hasMappingKey)
            case .mapping(let pairs): return pairs.contains { $0.key.scalar == nil || hasMappingKey($0.value) }
            }
        }
        return documents.contains(where: hasMappingKey)
    }

    /// What validate and check say about one.
    static let notChecked = "a template (Helm's {{ }}), not a manifest: nothing in it was checked; render it first (helm template CHART --output-dir DIR) and check the rendered files"
}
