#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
import SealKitCrypto
import SealKitSerialization

/// What the API server checks when the controller creates the Secret, judged before anything is
/// sealed or committed: a SealedSecret whose Secret the API server refuses is applied without
/// complaint and then never becomes a Secret, which users find days later.
///
/// The rules are `ValidateSecret` in k8s.io/kubernetes `pkg/apis/core/validation/validation.go`
/// with `ValidateObjectMeta` (`NameIsDNSSubdomain` for the name, `ValidateNamespaceName` for the
/// namespace, `ValidateLabels`, `ValidateAnnotations`), over the names in
/// ``KubernetesValidation``. Errors are what the API server refuses; warnings are what it accepts
/// but what hurts (an expired `tls.crt`, a `.dockerconfigjson` without `auths`).
public enum SecretRules {
    /// Every problem of `secret` (its `data` and `stringData` together, as the API server merges
    /// them), at time `now`.
    public static func problems(of secret: Secret, now: Date = Date()) -> [ValidationProblem] {
        let data = secret.mergedData
        var subject = Subject(dataField: "data", metadataField: "metadata", metadata: secret.metadata, type: secret.type, keys: Array(data.keys))
        subject.values = data.mapValues { Array($0) }
        subject.size = data.values.reduce(0) { $0 + $1.count }
        return problems(of: subject, now: now)
    }

    /// The same rules for the Secret that `sealed` will become, as far as they can be judged
    /// without a private key: key names, the keys a typed Secret needs (across `encryptedData`
    /// and `template.data`), the exact decoded size (from the ciphertext lengths), the template's
    /// and the SealedSecret's own metadata. `values` are plain values known to the caller (those
    /// just sealed), whose content is judged too.
    ///
    /// `sealedValues` are the values already decoded (by a validator that has looked at each);
    /// a value not among them is decoded here to learn its plain size.
    public static func problems(ofSealed sealed: SealedSecret, values: [String: [UInt8]] = [:], sealedValues: [String: SealedValue] = [:], now: Date = Date()) -> [ValidationProblem] {
        let template = sealed.spec.template
        var metadata = template.metadata
        // The controller names the Secret after the SealedSecret.
        metadata.name = sealed.metadata.name ?? metadata.name
        metadata.namespace = sealed.metadata.namespace ?? metadata.namespace
        let keys = Set(sealed.spec.encryptedData.keys).union(template.data.keys)
        var subject = Subject(dataField: "spec.encryptedData", metadataField: "spec.template.metadata", metadata: metadata, type: template.type, keys: Array(keys))
        if sealed.metadata.name != nil { subject.nameField = "metadata.name" }
        if sealed.metadata.namespace != nil { subject.namespaceField = "metadata.namespace" }
        subject.values = values
        for (key, source) in template.data where !source.contains("{{") { subject.values[key] = Array(source.utf8) }
        subject.size = keys.reduce(0) { total, key in
            if let value = subject.values[key] { return total + value.count }
            if let value = sealedValues[key] { return total + max(0, value.plaintextByteCount) }
            guard let text = sealed.spec.encryptedData[key], let bytes = Secret.decodeBase64(text),
                  let value = try? SealedValue(bytes: Array(bytes)) else { return total + (template.data[key]?.utf8.count ?? 0) }
            return total + max(0, value.plaintextByteCount)
        }
        var problems = problems(of: subject, now: now)
        // The SealedSecret is an object of its own: the API server checks its metadata too, and
        // etcd its size.
        problems += metadataProblems(labels: sealed.metadata.labels, annotations: sealed.metadata.annotations, field: "metadata")
        problems += StoredObjectSize.problems(ofSealed: sealed)
        return problems
    }

    /// Throws ``SealingError/refusedByAPIServer(secret:problems:)`` when the Secret that
    /// `sealed` becomes breaks a rule of the API server; `values` are the plain values known.
    /// Returns the warnings.
    @discardableResult
    public static func requireAccepted(_ sealed: SealedSecret, values: [String: [UInt8]] = [:], now: Date = Date()) throws -> [ValidationProblem] {
        try StoredObjectSize.requireStorable(sealed)
        let problems = problems(ofSealed: sealed, values: values, now: now)
        let errors = problems.filter { $0.severity == .error }
        guard errors.isEmpty else { throw SealingError.refusedByAPIServer(secret: displayName(sealed.metadata), problems: errors) }
        return problems
    }

    /// `namespace/name`, or `name` without a namespace.
    package static func displayName(_ metadata: ObjectMeta) -> String {
        "\(metadata.namespace.map { $0.isEmpty ? "" : "\($0)/" } ?? "")\(metadata.name ?? "")"
    }

    /// A field path to a map entry: `data.password`, but `data[.dockerconfigjson]` and
    /// `data[tls.crt]` where a dot would make the path ambiguous.
    public static func field(_ base: String, key: String) -> String {
        let plain = !key.isEmpty && key.utf8.allSatisfy { byte in
            ASCII.isAlphanumeric(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        return plain ? "\(base).\(key)" : "\(base)[\(key)]"
    }

    // MARK: The rules

    /// What the rules look at, whether it came from a Secret or a SealedSecret.
    private struct Subject {
        var dataField: String
        var metadataField: String
        var metadata: ObjectMeta
        var type: String?
        var keys: [String]
        /// Where the name and namespace come from, when not from `metadataField`.
        var nameField: String?
        var namespaceField: String?
        /// Plain values, where known.
        var values: [String: [UInt8]] = [:]
        /// Decoded bytes of every value.
        var size = 0
    }

    private static func problems(of subject: Subject, now: Date) -> [ValidationProblem] {
        var problems: [ValidationProblem] = []
        let meta = subject.metadataField
        if let name = subject.metadata.name, !name.isEmpty {
            let field = subject.nameField ?? "\(meta).name"
            problems += KubernetesValidation.dns1123SubdomainProblems(name).map { .init(.error, field: field, "\"\(name)\": \($0)") }
        }
        if let namespace = subject.metadata.namespace, !namespace.isEmpty {
            let field = subject.namespaceField ?? "\(meta).namespace"
            problems += KubernetesValidation.dns1123LabelProblems(namespace).map { .init(.error, field: field, "\"\(namespace)\": \($0)") }
        }
        problems += metadataProblems(labels: subject.metadata.labels, annotations: subject.metadata.annotations, field: meta)
        for key in subject.keys.sorted() {
            problems += KubernetesValidation.configMapKeyProblems(key).map { .init(.error, field: field(subject.dataField, key: key), "\"\(key)\" is not a valid Secret key: \($0)") }
        }
        if subject.size > KubernetesValidation.maxSecretSize {
            problems.append(.init(.error, field: subject.dataField, "the values take \(subject.size) bytes; a Secret holds at most \(KubernetesValidation.maxSecretSize) (1 MiB)"))
        }
        problems += typeProblems(subject, now: now)
        return problems
    }

    private static func metadataProblems(labels: [String: String], annotations: [String: String], field meta: String) -> [ValidationProblem] {
        var problems: [ValidationProblem] = []
        for (key, value) in labels.sorted(by: { $0.key < $1.key }) {
            problems += KubernetesValidation.qualifiedNameProblems(key).map { .init(.error, field: field("\(meta).labels", key: key), "the label key \"\(key)\": \($0)") }
            problems += KubernetesValidation.labelValueProblems(value).map { .init(.error, field: field("\(meta).labels", key: key), "the label value: \($0)") }
        }
        var annotationBytes = 0
        for (key, value) in annotations.sorted(by: { $0.key < $1.key }) {
            // ValidateAnnotations: "QualifiedName except that case doesn't matter".
            problems += KubernetesValidation.qualifiedNameProblems(key.lowercased()).map { .init(.error, field: field("\(meta).annotations", key: key), "the annotation key \"\(key)\": \($0)") }
            annotationBytes += key.utf8.count + value.utf8.count
        }
        if annotationBytes > KubernetesValidation.totalAnnotationSizeLimit {
            problems.append(.init(.error, field: "\(meta).annotations", "the annotations take \(annotationBytes) bytes; at most \(KubernetesValidation.totalAnnotationSizeLimit) (256 KiB) are allowed"))
        }
        return problems
    }

    /// The keys each built-in Secret type needs (ValidateSecret's `switch secret.Type`), and the
    /// warnings for values that the API server takes but that will not work.
    private static func typeProblems(_ subject: Subject, now: Date) -> [ValidationProblem] {
        let keys = Set(subject.keys)
        let data = subject.dataField
        func required(_ key: String, _ type: String) -> ValidationProblem {
            .init(.error, field: field(data, key: key), "a \(type) Secret needs the key \(key)")
        }
        func jsonObject(_ key: String, _ type: String) -> [ValidationProblem] {
            guard let value = subject.values[key] else { return [] }
            guard let nodes = try? JSONParser().parseStream(value), nodes.count == 1, let object = nodes[0].mapping else {
                return [.init(.error, field: field(data, key: key), "a \(type) Secret needs \(key) to hold a JSON object")]
            }
            if key == ".dockerconfigjson", !object.contains(where: { $0.key.scalar?.value == "auths" }) {
                return [.init(.warning, field: field(data, key: key), "has no \"auths\"; image pulls will not find credentials in it")]
            }
            return []
        }
        switch subject.type ?? "" {
        case "kubernetes.io/service-account-token":
            if (subject.metadata.annotations["kubernetes.io/service-account.name"] ?? "").isEmpty {
                return [.init(.error, field: field("\(subject.metadataField).annotations", key: "kubernetes.io/service-account.name"),
                              "a kubernetes.io/service-account-token Secret needs this annotation")]
            }
        case "kubernetes.io/dockercfg":
            return keys.contains(".dockercfg") ? jsonObject(".dockercfg", "kubernetes.io/dockercfg") : [required(".dockercfg", "kubernetes.io/dockercfg")]
        case "kubernetes.io/dockerconfigjson":
            return keys.contains(".dockerconfigjson") ? jsonObject(".dockerconfigjson", "kubernetes.io/dockerconfigjson") : [required(".dockerconfigjson", "kubernetes.io/dockerconfigjson")]
        case "kubernetes.io/basic-auth":
            if !keys.contains("username") && !keys.contains("password") {
                return [.init(.error, field: data, "a kubernetes.io/basic-auth Secret needs the key username or password")]
            }
        case "kubernetes.io/ssh-auth":
            // ValidateSecret checks len(), so an empty value is refused as well.
            if !keys.contains("ssh-privatekey") || subject.values["ssh-privatekey"]?.isEmpty == true {
                return [required("ssh-privatekey", "kubernetes.io/ssh-auth")]
            }
        case "kubernetes.io/tls":
            let missing = ["tls.crt", "tls.key"].filter { !keys.contains($0) }
            if !missing.isEmpty { return missing.map { required($0, "kubernetes.io/tls") } }
            return tlsWarnings(subject, now: now)
        default:
            break
        }
        return []
    }

    /// A `tls.crt` that has expired, or whose key is not `tls.key`: the API server stores it,
    /// and TLS then fails at the first handshake.
    private static func tlsWarnings(_ subject: Subject, now: Date) -> [ValidationProblem] {
        guard let pem = subject.values["tls.crt"], let certificate = try? Certificate(pemRepresentation: String(decoding: pem, as: UTF8.self)) else { return [] }
        var problems: [ValidationProblem] = []
        let crt = field(subject.dataField, key: "tls.crt")
        if certificate.isExpired(at: now) {
            problems.append(.init(.warning, field: crt, "the certificate expired on \(certificate.notValidAfter.iso8601DateText)"))
        }
        if let keyPEM = subject.values["tls.key"], let key = try? RSAPrivateKey(pemRepresentation: String(decoding: keyPEM, as: UTF8.self)),
           key.publicKey != certificate.publicKey {
            problems.append(.init(.warning, field: crt, "the certificate is not for the private key in tls.key"))
        }
        return problems
    }
}
