#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitCrypto
import SealKitModel

/// Seals Secrets into SealedSecrets for one certificate, with kubeseal's rules.
///
/// ```swift
/// let sealer = try Sealer(certificate: Certificate(pemRepresentation: pem))
/// let sealed = try sealer.seal(secret)
/// print(try sealed.formatted(as: .yaml))
/// ```
public struct Sealer: Sendable {
    /// How a Secret is turned into a SealedSecret.
    public struct Options: Sendable {
        /// The scope; nil keeps what the Secret's annotations say (strict when they say nothing).
        public var scope: SealingScope?
        /// Replaces the Secret's name.
        public var name: String?
        /// An explicit namespace (`-n`): fills a missing namespace, and is an error when the
        /// Secret names another one.
        public var namespace: String?
        /// The namespace to use when neither the Secret nor `namespace` gives one (kubeseal
        /// takes the kubeconfig's current namespace).
        public var defaultNamespace: String?
        /// Seal a Secret without values instead of refusing it.
        public var allowEmptyData: Bool
        /// Record the certificate's key fingerprint in ``/SealKitModel/SealedSecret/keyFingerprintAnnotation``
        /// (off by default, so that output stays identical to kubeseal's).
        public var recordsKeyFingerprint: Bool

        /// Options; by default the Secret's own scope, name and namespace.
        public init(scope: SealingScope? = nil, name: String? = nil, namespace: String? = nil, defaultNamespace: String? = nil,
                    allowEmptyData: Bool = false, recordsKeyFingerprint: Bool = false) {
            self.scope = scope
            self.name = name
            self.namespace = namespace
            self.defaultNamespace = defaultNamespace
            self.allowEmptyData = allowEmptyData
            self.recordsKeyFingerprint = recordsKeyFingerprint
        }
    }

    /// Annotations that carry a full copy of an applied object; they would leak the values.
    public static let lastAppliedAnnotations = [
        "kubectl.kubernetes.io/last-applied-configuration",
        "kubecfg.ksonnet.io/last-applied-configuration",
    ]

    /// The sealing certificate.
    public let certificate: Certificate
    let random: RandomByteSource

    /// A sealer for `certificate`. An expired certificate is refused, as kubeseal does.
    public init(certificate: Certificate, now: Date = Date()) throws {
        try self.init(certificate: certificate, now: now, random: .system)
    }

    package init(certificate: Certificate, now: Date = Date(), random: RandomByteSource) throws {
        guard !certificate.isExpired(at: now) else {
            throw SealingError.expiredCertificate(notAfter: certificate.notValidAfter)
        }
        self.certificate = certificate
        self.random = random
    }

    /// Seals every value of `secret`.
    ///
    /// Top-level metadata gets the name, namespace and scope annotation only; the template gets
    /// the Secret's metadata without the last-applied annotations, owner references and
    /// server-set fields; `type` and `immutable` are kept. Values are sealed in key order,
    /// `data` first, then `stringData`, which wins on the same key.
    ///
    /// A Secret that the API server would refuse (``/SealKitModel/SecretRules``) is refused here, with
    /// ``/SealKitModel/SealingError/refusedByAPIServer(secret:problems:)``: sealed, it would never unseal.
    public func seal(_ secret: Secret, options: Options = Options()) throws -> SealedSecret {
        try sealReportingWarnings(secret, options: options).sealedSecret
    }

    /// ``seal(_:options:)``, with the warnings ``/SealKitModel/SecretRules`` has for the Secret: what the API
    /// server accepts but will not work (an expired `tls.crt`, a `.dockerconfigjson` without
    /// `auths`). The rules are judged once, for the refusal and the warnings alike.
    public func sealReportingWarnings(_ secret: Secret, options: Options = Options()) throws -> (sealedSecret: SealedSecret, warnings: [ValidationProblem]) {
        let prepared = try prepare(secret, options: options)
        // Judged as the controller will create it, before any value is sealed.
        var created = prepared
        for annotation in Self.lastAppliedAnnotations { created.metadata.annotations[annotation] = nil }
        let problems = SecretRules.problems(of: created)
        let errors = problems.filter { $0.severity == .error }
        guard errors.isEmpty else { throw SealingError.refusedByAPIServer(secret: SecretRules.displayName(created.metadata), problems: errors) }
        let sealed = try sealPrepared(prepared, options: options)
        // Its size is known only now: a Secret the API server takes can still seal too large.
        return (sealed, problems + (try StoredObjectSize.requireStorable(sealed)))
    }

    private func sealPrepared(_ prepared: Secret, options: Options) throws -> SealedSecret {
        let scope = SealingScope(annotations: prepared.metadata.annotations)
        let namespace = prepared.metadata.namespace ?? ""
        let name = prepared.metadata.name ?? ""

        var template = SealedSecret.Template(metadata: prepared.metadata, type: prepared.type, immutable: prepared.immutable)
        for annotation in Self.lastAppliedAnnotations { template.metadata.annotations[annotation] = nil }
        template.metadata.ownerReferences = []

        // `data` first, then `stringData`, which wins on the same key (both are sealed).
        let jobs = prepared.data.sorted(by: { $0.key < $1.key }).map { ($0.key, Array($0.value)) }
            + prepared.stringData.sorted(by: { $0.key < $1.key }).map { ($0.key, Array($0.value.utf8)) }
        var encrypted: [String: String] = [:]
        for (job, sealed) in zip(jobs, try sealValues(jobs.map(\.1), label: scope.label(namespace: namespace, name: name))) {
            encrypted[job.0] = sealed
        }

        var metadata = ObjectMeta(name: name, namespace: namespace.isEmpty ? nil : namespace)
        if let annotation = scope.annotation { metadata.annotations[annotation] = "true" }
        if options.recordsKeyFingerprint {
            metadata.annotations[SealedSecret.keyFingerprintAnnotation] = certificate.keyFingerprint.rawValue
        }
        return SealedSecret(metadata: metadata, spec: .init(template: template, encryptedData: encrypted))
    }

    /// From this many values on, they are sealed on all cores.
    package static let parallelThreshold = 32
    /// About how many values a parallel run seals with one encryptor.
    static let valuesPerRun = 32

    /// Seals `values` under one label, in base64, in order. Many values are sealed on all cores,
    /// in runs of values that each share one ``/SealKitCrypto/HybridCipher/Encryptor``; the randomness is drawn
    /// first, in order, so that the result does not depend on the schedule.
    func sealValues(_ values: [[UInt8]], label: [UInt8]) throws -> [String] {
        let publicKey = certificate.publicKey
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard values.count >= Self.parallelThreshold, cores > 1 else {
            let encryptor = try HybridCipher.Encryptor(for: publicKey)
            return try values.map { Data(try encryptor.seal($0, label: label, random: random)).base64EncodedString() }
        }
        // One request for all of it: the same bytes a stream gives request by request, in order.
        let perValue = AESGCM.keyLength + OAEP.hashLength
        var drawn = try random.bytes(values.count * perValue)
        var draws = values.indices.map { index in
            let start = index * perValue
            return [Array(drawn[start ..< start + AESGCM.keyLength]), Array(drawn[start + AESGCM.keyLength ..< start + perValue])]
        }
        SecureMemory.wipe(&drawn)
        defer { for index in draws.indices { for chunk in draws[index].indices { SecureMemory.wipe(&draws[index][chunk]) } } }
        // Runs of about 32 values (at least four a core): one encryptor per run, and the last run
        // to finish holds up the others for a few values only (runs of 250 left one core idle for
        // a tenth of a 2,000-value seal). The runs are a temporary, gone when the defer above
        // wipes the random bytes in place.
        let count = min(values.count, max(cores * 4, values.count / Self.valuesPerRun))
        let results = ParallelMap.run(Self.runs(values, randomness: draws, count: count)) { run in
            Result {
                let encryptor = try HybridCipher.Encryptor(for: publicKey)
                let random = RandomByteSource.replaying(run.randomness)
                return try run.values.map { Data(try encryptor.seal($0, label: label, random: random)).base64EncodedString() }
            }
        }
        return try results.flatMap { try $0.get() }
    }

    /// `values` in `count` consecutive runs, each with its values' randomness in order.
    private static func runs(_ values: [[UInt8]], randomness: [[[UInt8]]], count: Int) -> [(values: [[UInt8]], randomness: [[UInt8]])] {
        (0..<count).map { run in
            let range = run * values.count / count ..< (run + 1) * values.count / count
            return (Array(values[range]), Array(randomness[range].joined()))
        }
    }

    /// Seals one value for a scope; returns it in base64, as `encryptedData` holds it.
    public func sealValue(_ value: [UInt8], scope: SealingScope, namespace: String, name: String) throws -> String {
        let label = scope.label(namespace: namespace, name: name)
        let sealed = try HybridCipher.seal(value, for: certificate.publicKey, label: label, random: random)
        return Data(sealed).base64EncodedString()
    }

    /// Seals one raw value (kubeseal's `--raw`) after checking that the scope has what its label
    /// needs: a strict value needs the name and the namespace, a namespace-wide one the namespace.
    public func sealRawValue(_ value: [UInt8], scope: SealingScope, namespace: String?, name: String?) throws -> String {
        if scope == .strict, (name ?? "").isEmpty { throw SealingError.missingName }
        if scope != .clusterWide, (namespace ?? "").isEmpty { throw SealingError.missingNamespace }
        return try sealValue(value, scope: scope, namespace: namespace ?? "", name: name ?? "")
    }

    /// Whether sealing `secret` with `options` needs ``Options/defaultNamespace``: it is not
    /// cluster-wide, and neither the Secret nor the options name a namespace. kubeseal then takes
    /// the kubeconfig's current namespace; asking only then spares a kubectl call.
    public static func needsDefaultNamespace(_ secret: Secret, options: Options) -> Bool {
        let scope = options.scope ?? SealingScope(annotations: secret.metadata.annotations)
        return scope != .clusterWide && (options.namespace ?? secret.metadata.namespace ?? "").isEmpty
    }

    /// Seals `secret`'s values for `target`'s name, namespace and scope and merges them into it,
    /// as kubeseal's `--merge-into` does: other keys keep their ciphertext byte for byte; the
    /// Secret's template labels, annotations and template data are merged in too.
    ///
    /// The merged SealedSecret is judged as a whole (``/SealKitModel/SecretRules``): merging `tls.crt` alone
    /// into a `kubernetes.io/tls` SealedSecret that holds `tls.key` is fine.
    public func merge(_ secret: Secret, into target: SealedSecret, allowEmptyData: Bool = false) throws -> SealedSecret {
        try mergeReportingWarnings(secret, into: target, allowEmptyData: allowEmptyData).sealedSecret
    }

    /// ``merge(_:into:allowEmptyData:)``, with the warnings of the one judgement of the result.
    public func mergeReportingWarnings(_ secret: Secret, into target: SealedSecret, allowEmptyData: Bool = false) throws -> (sealedSecret: SealedSecret, warnings: [ValidationProblem]) {
        let merged = try mergeUnchecked(secret, into: target, allowEmptyData: allowEmptyData)
        let problems = try SecretRules.requireAccepted(merged, values: secret.mergedData.mapValues { Array($0) })
        return (merged, problems.filter { $0.severity == .warning })
    }

    func mergeUnchecked(_ secret: Secret, into target: SealedSecret, allowEmptyData: Bool = false) throws -> SealedSecret {
        var input = secret
        input.metadata.annotations[SealingScope.namespaceWideAnnotation] = nil
        input.metadata.annotations[SealingScope.clusterWideAnnotation] = nil
        let options = Options(scope: target.scope, allowEmptyData: allowEmptyData)
        input.metadata.name = target.metadata.name
        input.metadata.namespace = target.metadata.namespace
        let update = try sealPrepared(try prepare(input, options: options), options: options)

        var merged = target
        if target.recordedKeyFingerprint != nil, target.recordedKeyFingerprint != certificate.keyFingerprint {
            // Values of two keys now live side by side; the annotation can no longer name one.
            merged.metadata.annotations[SealedSecret.keyFingerprintAnnotation] = nil
        }
        for (key, value) in update.spec.encryptedData { merged.spec.encryptedData[key] = value }
        for (key, value) in update.spec.template.metadata.annotations { merged.spec.template.metadata.annotations[key] = value }
        for (key, value) in update.spec.template.metadata.labels { merged.spec.template.metadata.labels[key] = value }
        return merged
    }

    /// Applies kubeseal's transformations before sealing: name, scope and namespace rules, and
    /// the removal of server-set fields.
    func prepare(_ secret: Secret, options: Options) throws -> Secret {
        var prepared = secret
        if prepared.data.isEmpty && prepared.stringData.isEmpty && !options.allowEmptyData {
            throw SealingError.emptyData
        }
        if let name = options.name, !name.isEmpty { prepared.metadata.name = name }
        guard let name = prepared.metadata.name, !name.isEmpty else { throw SealingError.missingName }
        if let requested = options.namespace, !requested.isEmpty {
            if let own = prepared.metadata.namespace, !own.isEmpty, own != requested {
                throw SealingError.namespaceMismatch(secret: own, requested: requested)
            }
            prepared.metadata.namespace = requested
        }
        if let scope = options.scope, scope != .strict {
            prepared.metadata.annotations[SealingScope.namespaceWideAnnotation] = nil
            prepared.metadata.annotations[SealingScope.clusterWideAnnotation] = nil
            // Every scope but strict (excluded above) has an annotation.
            if let annotation = scope.annotation { prepared.metadata.annotations[annotation] = "true" }
        }
        let scope = SealingScope(annotations: prepared.metadata.annotations)
        if scope != .clusterWide, (prepared.metadata.namespace ?? "").isEmpty {
            guard let fallback = options.defaultNamespace, !fallback.isEmpty else { throw SealingError.missingNamespace }
            prepared.metadata.namespace = fallback
        }
        prepared.metadata.removeServerSetFields()
        return prepared
    }
}
