#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSerialization

/// Reads the fields of one mapping node into typed values, with Kubernetes' decoding rules:
/// field names match case-insensitively when no exact match exists, and with YAML input,
/// non-string scalars in string fields become text.
package struct FieldReader {
    let node: YAMLNode
    let pairs: [YAMLNode.Pair]
    /// Dotted path of this mapping, for messages (`spec.template`).
    let path: String
    let options: DecodingOptions

    init(_ node: YAMLNode, path: String, options: DecodingOptions) throws(ManifestError) {
        guard let pairs = node.mapping else {
            throw ManifestError(.invalidField(field: path.isEmpty ? "document" : path, problem: "expected a mapping, found \(node.kindName)"), mark: node.mark)
        }
        self.node = node
        self.pairs = pairs
        self.path = path
        self.options = options
    }

    func fieldPath(_ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }

    /// The value of field `name`; an exact match wins over a case-insensitive one.
    func value(_ name: String) -> YAMLNode? {
        if let exact = pairs.first(where: { $0.key.scalar?.value == name }) { return exact.value }
        let lowered = name.lowercased()
        return pairs.first { $0.key.scalar?.value.lowercased() == lowered }?.value
    }

    /// The entries whose names are not in `known` (compared case-insensitively), kept so that
    /// writing a decoded object back loses nothing.
    func unknownFields(known: Set<String>) -> [YAMLNode.Pair] {
        let lowered = Set(known.map { $0.lowercased() })
        return pairs.filter { !lowered.contains(($0.key.scalar?.value ?? "").lowercased()) }
    }

    func nested(_ name: String) throws(ManifestError) -> FieldReader? {
        guard let value = value(name), !value.isNull else { return nil }
        return try FieldReader(value, path: fieldPath(name), options: options)
    }

    func string(_ name: String) throws(ManifestError) -> String? {
        guard let value = value(name) else { return nil }
        return try Self.text(value, field: fieldPath(name), options: options)
    }

    func bool(_ name: String) throws(ManifestError) -> Bool? {
        guard let value = value(name) else { return nil }
        return try Self.flag(value, field: fieldPath(name))
    }

    /// A scalar as a boolean field receives it; nil for null.
    package static func flag(_ node: YAMLNode, field: String) throws(ManifestError) -> Bool? {
        if node.isNull { return nil }
        if case .bool(let flag)? = node.scalar?.resolved { return flag }
        throw ManifestError(.invalidField(field: field, problem: "expected true or false, found \(node.kindName)"), mark: node.mark)
    }

    func stringMap(_ name: String) throws(ManifestError) -> [String: String]? {
        guard let value = value(name), !value.isNull else { return nil }
        guard let entries = value.mapping else {
            throw ManifestError(.invalidField(field: fieldPath(name), problem: "expected a mapping, found \(value.kindName)"), mark: value.mark)
        }
        var result: [String: String] = [:]
        for entry in entries {
            let key = try Self.key(entry.key, field: fieldPath(name), options: options)
            result[key] = try Self.text(entry.value, field: "\(fieldPath(name)).\(key)", options: options) ?? ""
        }
        return result
    }

    func stringList(_ name: String) throws(ManifestError) -> [String]? {
        guard let value = value(name), !value.isNull else { return nil }
        guard let items = value.sequence else {
            throw ManifestError(.invalidField(field: fieldPath(name), problem: "expected a list, found \(value.kindName)"), mark: value.mark)
        }
        var result: [String] = []
        for (index, item) in items.enumerated() {
            result.append(try Self.text(item, field: "\(fieldPath(name))[\(index)]", options: options) ?? "")
        }
        return result
    }

    /// A mapping key as text (bool keys become `true`/`false`, as in Kubernetes' decoding).
    static func key(_ node: YAMLNode, field: @autoclosure () -> String, options: DecodingOptions) throws(ManifestError) -> String {
        guard let scalar = node.scalar, !node.isNull else {
            throw ManifestError(.invalidField(field: field(), problem: "a mapping key must be a string, found \(node.kindName)"), mark: node.mark)
        }
        return try text(node, field: field(), options: .yaml) ?? scalar.value
    }

    /// A scalar as the text a string field receives; nil for null. The field's path is built only
    /// for an error: a mapping of 20,000 keys would otherwise build 20,000 paths to throw away.
    package static func text(_ node: YAMLNode, field: @autoclosure () -> String, options: DecodingOptions) throws(ManifestError) -> String? {
        guard let scalar = node.scalar else {
            throw ManifestError(.invalidField(field: field(), problem: "expected a string, found \(node.kindName)"), mark: node.mark)
        }
        let resolved = scalar.resolved
        switch resolved {
        case .string: return scalar.value
        case .null: return nil
        default: break
        }
        guard options.coercesScalarsToStrings else {
            throw ManifestError(.invalidField(field: field(), problem: "expected a string, found \(node.kindName)"), mark: node.mark)
        }
        switch resolved {
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let decimal): return decimal
        case .float(let value): return GoFloatText.float32(value)
        default: return scalar.value  // timestamps keep their text
        }
    }
}
