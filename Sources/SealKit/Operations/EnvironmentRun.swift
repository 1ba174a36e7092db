#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The per-environment workflow over a project: for each environment named, plan what to
/// seal, make the values, seal them with that environment's certificate, write the overlay's
/// file and add it to the kustomization. Behind `generate` and `rotate`.
///
/// ```swift
/// let project = try ProjectConfig.load(path: nil, searchingFrom: URL(fileURLWithPath: "."))!
/// let run = EnvironmentRun(project: project, environments: ["development"], command: "my-tool generate development")
/// for step in try run.run(certificate: { _ in certificate }, ask: nil) { print(step.text, terminator: "") }
/// ```
public struct EnvironmentRun: Sendable {
    /// What to seal.
    public enum Mode: Sendable {
        /// Keys not yet sealed; with `force`, every key.
        case generate(force: Bool)
        /// New values for `keys` (every generated or prompted secret when empty); the others kept.
        case rotate(keys: [String])
    }

    public var project: ProjectConfig
    /// Environment names, or `["all"]`.
    public var environments: [String]
    public var mode: Mode
    /// Values for prompted keys (from a values file).
    public var values: ValuesFile?
    /// Say what would change; write and ask nothing.
    public var dryRun: Bool
    /// What the file's header records as the command that made it; the environment's name is added.
    public var command: String

    public init(project: ProjectConfig, environments: [String], mode: Mode = .generate(force: false), values: ValuesFile? = nil,
                dryRun: Bool = false, command: String) {
        self.project = project
        self.environments = environments
        self.mode = mode
        self.values = values
        self.dryRun = dryRun
        self.command = command
    }

    /// What one environment's run did.
    public struct Step: Sendable {
        public var environment: String
        /// What was sealed and written, nil for a dry run or nothing to do.
        public var outcome: EnvironmentWorkflow.Outcome?
        /// The summary to show: what was sealed, what a dry run would seal, or that nothing was to do.
        public var text: String
        /// When nothing was to do: what would make something happen.
        public var remedy: Remedy?
    }

    /// Where prompted values come from: `(environment, key, prompt)`; nil when nobody can be
    /// asked, so that every prompted value must come from ``values``, checked before any value
    /// is generated.
    public typealias Prompt = (_ environment: String, _ key: String, _ spec: PromptSpec) throws -> [UInt8]

    /// Runs each environment in order with the certificate `certificate` gives for its
    /// configured source, and returns what each did.
    public func run(certificate: (CertificateSpec?) throws -> Certificate, ask: Prompt?) throws -> [Step] {
        var steps: [Step] = []
        for environment in try project.environments(named: environments) {
            steps.append(try run(environment, certificate: certificate, ask: ask))
        }
        return steps
    }

    private func run(_ environment: EnvironmentConfig, certificate: (CertificateSpec?) throws -> Certificate, ask: Prompt?) throws -> Step {
        let workflow = try EnvironmentWorkflow(environment: environment)
        let plan: EnvironmentWorkflow.Plan
        switch mode {
        case .generate(let force): plan = try workflow.plan(force: force)
        case .rotate(let keys): plan = try workflow.plan(rotating: keys)
        }
        if dryRun { return Step(environment: environment.name, text: workflow.dryRunSummary(plan)) }
        guard !plan.keysToSeal.isEmpty else {
            let output = EnvironmentWorkflow.displayPath(environment.outputURL)
            return Step(environment: environment.name, text: "\(environment.name): \(output) already holds every key; nothing to do", remedy: .sealEveryValueAgain)
        }
        let given = { (key: String) in values?.value(environment: environment.name, key: key) }
        // Without anyone to ask, every prompted value must be given: fail before generating anything.
        let missing = ask == nil ? workflow.missingPromptedValues(plan, given: given) : []
        guard missing.isEmpty else { throw EnvironmentError.missingValues(environment: environment.name, keys: missing) }
        let rotating: Bool
        if case .rotate = mode { rotating = true } else { rotating = false }
        let outcome = try workflow.run(plan, certificate: try certificate(environment.certificate), command: "\(command) \(environment.name)",
                                       rotating: rotating, given: given) { key, spec in
            guard let ask else { throw EnvironmentError.missingValues(environment: environment.name, keys: [key.name]) }
            return try ask(environment.name, key.name, spec)
        }
        return Step(environment: environment.name, outcome: outcome, text: outcome.summary)
    }
}

extension ValuesFile {
    /// Reads the values file at `path`, with a warning when others can read the plain values in it.
    public static func load(path: String, environments: [String]) throws -> (values: ValuesFile, notices: [Notice]) {
        let values = try ValuesFile(bytes: try FileBytes.read(path), source: path, environments: environments)
        let notice = PrivateFile.readableByOthers(path).map { mode in
            Notice.warning("\(path) holds plain values and is readable by group or others (mode \(String(mode, radix: 8))); chmod 600 \(path), and delete it when done")
        }
        return (values, notice.map { [$0] } ?? [])
    }
}

/// Files that hold secrets (private keys, plain values) should be readable by their owner only.
public enum PrivateFile {
    /// The file's mode when group or others may read it; nil when only its owner can (or it cannot be read).
    public static func readableByOthers(_ path: String) -> UInt32? {
        guard let mode = POSIX.permissions(ofPath: path), mode & 0o077 != 0 else { return nil }
        return UInt32(mode)
    }

    /// The keys in `files` (each checked for its mode), else those of `local`.
    public static func keyring(files: [String], orKeysOf local: LocalKeyring) throws -> (keyring: Keyring, notices: [Notice]) {
        let notices = files.compactMap { path in
            readableByOthers(path).map { Notice.warning("\(path) is readable by group or others (mode \(String($0, radix: 8))); private keys should be 0600: chmod 600 \(path)") }
        }
        return (try local.keyring(orFiles: files), notices)
    }
}
