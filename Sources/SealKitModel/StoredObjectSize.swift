import SealKitSerialization

/// Whether a cluster can store a SealedSecret at all. Each sealed value is about 700 bytes of
/// base64 whatever its plain length (an RSA block and the AES-GCM payload), so a Secret of many
/// small keys grows tenfold when sealed: 10,000 short values, a 60 KB Secret that the API server
/// takes, become a 7 MB SealedSecret that none stores.
///
/// The limits, from their sources:
/// - etcd refuses a request over `--max-request-bytes`, 1.5 MiB by default (`DefaultMaxRequestBytes`
///   in `server/embed/config.go`; "etcdserver: request is too large"). The API server stores a
///   custom resource as JSON, so that JSON (with the few fields the server adds) is what must fit.
///   The API server's own limit on a write's body (`MaxRequestBodyBytes`, 3 MiB in
///   `k8s.io/apiserver/pkg/server/config.go`) is larger, so etcd's is the one that bites.
/// - `kubectl apply` without `--server-side` (and Argo CD's default sync) writes the whole object
///   as JSON into the `kubectl.kubernetes.io/last-applied-configuration` annotation, and the API
///   server limits all annotations of an object together to 256 KiB (`TotalAnnotationSizeLimitB`
///   in `k8s.io/apimachinery/pkg/api/validation/objectmeta.go`). Server-side apply keeps no such
///   annotation.
public enum StoredObjectSize {
    /// etcd's default `--max-request-bytes`: 1.5 MiB.
    public static let etcdRequestLimit = 1_572_864
    /// The annotations' limit that client-side apply's copy of the object must fit in.
    public static let clientSideApplyLimit = KubernetesValidation.totalAnnotationSizeLimit
    /// The annotation client-side apply writes.
    public static let lastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration"
    /// What the server adds to a stored object (uid, resourceVersion, creationTimestamp,
    /// generation, managedFields): a few hundred bytes, and managedFields names every key of
    /// `encryptedData` once more (`"f:KEY":{}`).
    static let serverFieldsAllowance = 1024

    /// The SealedSecret's size as the API server stores it: its compact JSON, and the managed
    /// fields entry that lists its keys.
    public static func storedBytes(of sealed: SealedSecret) -> Int {
        JSONWriter.compactByteCount(sealed.node) + managedFieldsBytes(sealed)
    }

    private static func managedFieldsBytes(_ sealed: SealedSecret) -> Int {
        sealed.spec.encryptedData.keys.reduce(serverFieldsAllowance) { $0 + $1.utf8.count + 7 }
    }

    /// Throws ``SealingError/tooLargeToStore(sealedSecret:detail:)`` when no cluster with
    /// default limits stores `sealed`; returns the client-side-apply warning, if any.
    @discardableResult
    public static func requireStorable(_ sealed: SealedSecret) throws -> [ValidationProblem] {
        let problems = problems(ofSealed: sealed)
        if let error = problems.first(where: { $0.severity == .error }) {
            throw SealingError.tooLargeToStore(sealedSecret: SecretRules.displayName(sealed.metadata), detail: error.message)
        }
        return problems
    }

    /// An error when no cluster with default limits stores `sealed`; a warning when client-side
    /// `kubectl apply` would fail on it.
    public static func problems(ofSealed sealed: SealedSecret) -> [ValidationProblem] {
        let json = JSONWriter.compactByteCount(sealed.node)
        let stored = json + managedFieldsBytes(sealed)
        let keys = sealed.spec.encryptedData.count
        if stored > etcdRequestLimit {
            let parts = (stored + etcdRequestLimit - 1) / etcdRequestLimit
            return [ValidationProblem(.error, field: "",
                "the SealedSecret is \(byteText(stored)) as the cluster stores it, over etcd's default request limit of \(byteText(etcdRequestLimit)) "
                + "(--max-request-bytes): no API server with default limits can store it. Each sealed value takes about 700 bytes whatever its length; "
                + "split the Secret into at least \(parts + 1) SealedSecrets of at most \(max(1, keys / (parts + 1))) keys (for example one per application)")]
        }
        let annotations = sealed.metadata.annotations.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count }
        let copy = json + annotations + lastAppliedAnnotation.utf8.count
        if copy > clientSideApplyLimit {
            return [ValidationProblem(.warning, field: "",
                "the SealedSecret is \(byteText(json)) as JSON; client-side `kubectl apply` (and Argo CD's default sync) copies it into the annotation "
                + "\(lastAppliedAnnotation), and annotations are limited to \(byteText(clientSideApplyLimit)): apply it with `kubectl apply --server-side` "
                + "(Argo CD: the ServerSideApply=true sync option), or split the Secret")]
        }
        return []
    }

    /// `7,340,032 bytes (7.0 MiB)`.
    static func byteText(_ bytes: Int) -> String {
        let grouped = String(bytes).reversed().enumerated().reduce(into: "") { text, element in
            if element.offset > 0 && element.offset % 3 == 0 { text.append(",") }
            text.append(element.element)
        }
        let mebibytes = Double(bytes) / 1_048_576
        let unit = mebibytes >= 1 ? "\(Double(Int(mebibytes * 10)) / 10) MiB" : "\(bytes / 1024) KiB"
        return "\(String(grouped.reversed())) bytes (\(unit))"
    }
}
