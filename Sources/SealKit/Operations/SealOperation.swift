import SealKitSupport
import SealKitCrypto
import SealKitSerialization
import SealKitModel
import SealKitSealing

/// kubeseal's main job over whole inputs: every Secret of every input sealed, in order, and
/// written as kubeseal writes it.
///
/// ```swift
/// let operation = SealOperation(inputs: [try ManifestInput(contentsOf: "db.yaml")], format: .yaml)
/// let result = try operation.run(certificate: { try Certificate(pemRepresentation: pem) })
/// print(result.text, terminator: "")
/// ```
///
/// The inputs are decoded before the certificate is asked for, so that bad input fails before
/// any network call; the default namespace is asked for at most once, and only when a Secret
/// needs one. Neither is decided here: the caller passes them in (kubeseal asks kubectl for the
/// current context's namespace).
public struct SealOperation: Sendable {
    /// Where the Secrets come from.
    public enum Secrets: Sendable {
        /// Manifest streams (YAML or JSON; documents, `---` streams, `kind: List`).
        case inputs([ManifestInput])
        /// One Secret built in memory (``/SealKitSealing/SecretBuilder``), with the builder's warnings.
        case built(Secret, warnings: [ValidationProblem])
    }

    public var secrets: Secrets
    public var options: Sealer.Options
    public var format: KubesealFormat.OutputFormat
    /// The namespace for a Secret that names none, when the scope needs one.
    public var defaultNamespace: @Sendable () -> String?

    public init(secrets: Secrets, options: Sealer.Options = Sealer.Options(), format: KubesealFormat.OutputFormat = .yaml,
                defaultNamespace: @escaping @Sendable () -> String? = { nil }) {
        self.secrets = secrets
        self.options = options
        self.format = format
        self.defaultNamespace = defaultNamespace
    }

    public init(inputs: [ManifestInput], options: Sealer.Options = Sealer.Options(), format: KubesealFormat.OutputFormat = .yaml,
                defaultNamespace: @escaping @Sendable () -> String? = { nil }) {
        self.init(secrets: .inputs(inputs), options: options, format: format, defaultNamespace: defaultNamespace)
    }

    /// What a run made.
    public struct Result: Sendable {
        /// Every SealedSecret, formatted, in input order.
        public var text: String
        /// How many SealedSecrets.
        public var count: Int
        /// Warnings (a value that ends in a line break, a size close to a limit), each naming its Secret.
        public var notices: [Notice]
    }

    /// The Secrets to seal, each with where it came from (nil: it is the only one).
    public func decodedSecrets() throws -> [(location: String?, secret: Secret)] {
        switch secrets {
        case .built(let secret, _):
            return [(nil, secret)]
        case .inputs(let inputs):
            var all: [(location: String?, secret: Secret)] = []
            for input in inputs {
                let decoded = try input.stream(expecting: "Secret").secrets(from: input.source)
                for (index, secret) in decoded.enumerated() {
                    let document = decoded.count > 1 ? "document \(index + 1)" : nil
                    let location = inputs.count > 1 ? [input.source, document].compactMap { $0 }.joined(separator: ": ") : document
                    all.append((location, secret))
                }
            }
            return all
        }
    }

    /// Seals every Secret with the certificate `certificate` gives (asked once, after the
    /// inputs decoded). An error names the input and document it is about.
    public func run(certificate: () throws -> Certificate) throws -> Result {
        let secrets = try decodedSecrets()
        var options = self.options
        let (sealed, notices) = try seal(secrets, with: Sealer(certificate: try certificate()), options: &options)
        return Result(text: try sealed.map { try $0.formatted(as: format) }.joined(), count: sealed.count, notices: notices)
    }

    /// Every Secret sealed by `sealer`, with the warnings; the default namespace, once asked
    /// for, stays in `options` for the next run.
    func seal(_ secrets: [(location: String?, secret: Secret)], with sealer: Sealer, options: inout Sealer.Options) throws -> ([SealedSecret], [Notice]) {
        var sealed: [SealedSecret] = [], notices: [Notice] = []
        if case .built(_, let warnings) = self.secrets { notices += warnings.map { .warning($0.detail) } }
        for (location, secret) in secrets {
            if options.defaultNamespace == nil, Sealer.needsDefaultNamespace(secret, options: options) {
                options.defaultNamespace = defaultNamespace()
            }
            do {
                let (one, warnings) = try sealer.sealReportingWarnings(secret, options: options)
                sealed.append(one)
                let name = secret.metadata.name ?? options.name ?? ""
                notices += warnings.map { .warning("Secret \(name): \($0.detail)") }
            } catch {
                throw location.map { LocatedError($0, error) } ?? error
            }
        }
        return (sealed, notices)
    }

    /// kubeseal's `--merge-into`: the one Secret of the inputs sealed for the SealedSecret in the
    /// file at `path` and merged into it in place (``SealedSecretEditor/merge(_:allowEmptyData:certificate:)``);
    /// the Secret's own name and namespace do not choose the SealedSecret.
    public func merge(into path: String, certificate: () throws -> Certificate) throws -> SealedSecretEditor.Result {
        let decoded = try decodedSecrets()
        guard decoded.count == 1 else { throw OperationError.oneSecretExpected(found: decoded.count) }
        return try SealedSecretEditor(path: path).merge(decoded[0].secret, allowEmptyData: options.allowEmptyData, certificate: certificate)
    }

    /// One raw value sealed for `scope` (default strict), `name` and `namespace`, in base64, as
    /// `kubeseal --raw` prints it. A namespace-bound scope without a namespace takes
    /// `defaultNamespace()`.
    public static func sealRawValue(_ value: [UInt8], scope: SealingScope?, name: String?, namespace: String?,
                                    defaultNamespace: () -> String? = { nil }, certificate: () throws -> Certificate) throws -> String {
        let scope = scope ?? .strict
        let namespace = namespace ?? (scope == .clusterWide ? nil : defaultNamespace())
        if scope == .strict, (name ?? "").isEmpty { throw OperationError.rawValueNeedsName(scope: scope) }
        if scope != .clusterWide, (namespace ?? "").isEmpty { throw OperationError.rawValueNeedsNamespace(scope: scope) }
        return try Sealer(certificate: try certificate()).sealRawValue(value, scope: scope, namespace: namespace, name: name)
    }
}

/// `kubeseal --recovery-unseal` over whole inputs: every SealedSecret opened with the keys, and
/// the Secrets the controller would create written as kubeseal writes them.
public struct UnsealOperation: Sendable {
    public var inputs: [ManifestInput]
    public var unsealer: Unsealer
    public var format: KubesealFormat.OutputFormat

    public init(inputs: [ManifestInput], unsealer: Unsealer, format: KubesealFormat.OutputFormat = .yaml) {
        self.inputs = inputs
        self.unsealer = unsealer
        self.format = format
    }

    /// Every Secret, formatted, in input order. An error names the input and document.
    public func run() throws -> String {
        var text = ""
        for input in inputs {
            for (document, sealed) in try input.stream(expecting: "SealedSecret").sealedSecrets(from: input.source) {
                do {
                    text += try unsealer.unseal(sealed).formatted(as: format)
                } catch {
                    throw LocatedError("\(input.source): \(document.locationDescription)", error)
                }
            }
        }
        return text
    }
}
