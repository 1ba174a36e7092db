#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport

/// The name rules of the Kubernetes API server, as k8s.io/apimachinery's
/// `pkg/util/validation/validation.go` (and `pkg/api/validate/content`) writes them. Each
/// returns the API server's own messages; an empty list means valid. Lengths count bytes, as Go's
/// `len` does.
public enum KubernetesValidation {
    /// `DNS1123LabelMaxLength`.
    public static let dns1123LabelMaxLength = 63
    /// `DNS1123SubdomainMaxLength`, also the limit of a ConfigMap or Secret key.
    public static let dns1123SubdomainMaxLength = 253
    /// `qualifiedNameMaxLength`: the name part of a label or annotation key.
    public static let qualifiedNameMaxLength = 63
    /// `LabelValueMaxLength`.
    public static let labelValueMaxLength = 63
    /// `TotalAnnotationSizeLimitB` (objectmeta.go): keys and values of all annotations together.
    public static let totalAnnotationSizeLimit = 256 * 1024
    /// `core.MaxSecretSize`: the decoded values of a Secret's `data` together.
    public static let maxSecretSize = 1024 * 1024

    /// `IsDNS1123Label`: `[a-z0-9]([-a-z0-9]*[a-z0-9])?`, at most 63 bytes (namespaces).
    public static func dns1123LabelProblems(_ value: String) -> [String] {
        var problems: [String] = []
        if value.utf8.count > dns1123LabelMaxLength { problems.append(maxLengthMessage(dns1123LabelMaxLength)) }
        if !isDNS1123Label(Substring(value)) {
            problems.append(isDNS1123Subdomain(value)
                ? "must not contain dots"
                : "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name', or '123-abc')")
        }
        return problems
    }

    /// `IsDNS1123Subdomain`: dot-separated DNS-1123 labels, at most 253 bytes (object names).
    public static func dns1123SubdomainProblems(_ value: String) -> [String] {
        var problems: [String] = []
        if value.utf8.count > dns1123SubdomainMaxLength { problems.append(maxLengthMessage(dns1123SubdomainMaxLength)) }
        if !isDNS1123Subdomain(value) {
            problems.append("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com')")
        }
        return problems
    }

    /// `IsQualifiedName` (label keys; annotation keys after lowercasing): an optional DNS-1123
    /// subdomain prefix and `/`, then a name of at most 63 bytes matching
    /// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`.
    public static func qualifiedNameProblems(_ value: String) -> [String] {
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        var problems: [String] = []
        let name: Substring
        switch parts.count {
        case 1:
            name = parts[0]
        case 2:
            name = parts[1]
            if parts[0].isEmpty {
                problems.append("prefix part must be non-empty")
            } else {
                problems += dns1123SubdomainProblems(String(parts[0])).map { "prefix part " + $0 }
            }
        default:
            return ["a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName', or 'my.name', or '123-abc') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]
        }
        if name.isEmpty {
            problems.append("name part must be non-empty")
        } else if name.utf8.count > qualifiedNameMaxLength {
            problems.append("name part " + maxLengthMessage(qualifiedNameMaxLength))
        }
        if !isQualifiedNamePart(name) {
            problems.append("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName', or 'my.name', or '123-abc')")
        }
        return problems
    }

    /// `IsValidLabelValue`: empty, or at most 63 bytes matching the qualified-name pattern.
    public static func labelValueProblems(_ value: String) -> [String] {
        var problems: [String] = []
        if value.utf8.count > labelValueMaxLength { problems.append(maxLengthMessage(labelValueMaxLength)) }
        if !value.isEmpty && !isQualifiedNamePart(Substring(value)) {
            problems.append("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue', or 'my_value', or '12345')")
        }
        return problems
    }

    /// `IsConfigMapKey` (Secret data keys too): `[-._a-zA-Z0-9]+`, at most 253 bytes, and not
    /// `.`, `..` or anything starting with `..` (`hasChDirPrefix`: a key becomes a file name in a
    /// volume).
    public static func configMapKeyProblems(_ key: String) -> [String] {
        var problems: [String] = []
        if key.utf8.count > dns1123SubdomainMaxLength { problems.append(maxLengthMessage(dns1123SubdomainMaxLength)) }
        if key.isEmpty || !key.utf8.allSatisfy(isKeyByte) {
            problems.append("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name', or 'KEY_NAME', or 'key-name')")
        }
        if key == "." { problems.append("must not be '.'") }
        else if key == ".." { problems.append("must not be '..'") }
        else if key.hasPrefix("..") { problems.append("must not start with '..'") }
        return problems
    }

    // MARK: Patterns, matched by hand (no regular expressions in FoundationEssentials)

    private static func maxLengthMessage(_ length: Int) -> String { "must be no more than \(length) characters" }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool { ASCII.isLowerAlphanumeric(byte) }
    private static func isAlphanumeric(_ byte: UInt8) -> Bool { ASCII.isAlphanumeric(byte) }

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
    }

    /// `[a-z0-9]([-a-z0-9]*[a-z0-9])?`
    private static func isDNS1123Label(_ value: Substring) -> Bool {
        let bytes = value.utf8
        guard let first = bytes.first, let last = bytes.last, isLowerAlphanumeric(first), isLowerAlphanumeric(last) else { return false }
        return bytes.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    /// `label(\.label)*`
    private static func isDNS1123Subdomain(_ value: String) -> Bool {
        value.split(separator: ".", omittingEmptySubsequences: false).allSatisfy(isDNS1123Label)
    }

    /// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`
    private static func isQualifiedNamePart(_ value: Substring) -> Bool {
        let bytes = value.utf8
        guard let first = bytes.first, let last = bytes.last, isAlphanumeric(first), isAlphanumeric(last) else { return false }
        return bytes.allSatisfy(isKeyByte)
    }
}
