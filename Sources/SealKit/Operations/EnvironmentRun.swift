#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
import SealKitCrypto
import SealKitSealing

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

        var isRotation: Bool { if case .rotate = self { true } else { false } }
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

    /// The run of the project at `configPath` (or the nearest `sealctl.yaml` at or above
    /// `folder`), with the prompted values of `valuesFile` when given, and a warning when that
    /// file of plain values is readable by others.
    public static func load(configPath: String?, searchingFrom folder: URL, environments: [String], mode: Mode, valuesFile: String?,
                            dryRun: Bool, command: String) throws -> (run: EnvironmentRun, notices: [Notice]) {
        guard let project = try ProjectConfig.load(path: configPath, searchingFrom: folder) else { throw OperationError.noProjectConfig }
        let values = try valuesFile.map { try ValuesFile.load(path: $0, environments: project.environments.map(\.name)) }
        return (EnvironmentRun(project: project, environments: environments, mode: mode, values: values?.values, dryRun: dryRun, command: command),
                values?.notices ?? [])
    }

    /// Asks on the terminal, without echo where the key is secret (``PromptSpec/ask(environment:key:read:complain:)``), saying
    /// its explanations with `say`; nil when standard input is not a terminal.
    public static func terminalPrompt(say: @escaping (String) -> Void) -> Prompt? {
        guard POSIX.isTerminal(.input) else { return nil }
        return { environment, key, spec in try spec.ask(environment: environment, key: key, read: SecretPrompt.read, complain: say) }
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
    ///
    /// The clusters of one environment share its values: each is asked for (or generated) once
    /// and sealed for every cluster's certificate.
    public func run(certificate: (CertificateSpec?) throws -> Certificate, ask: Prompt?) throws -> [Step] {
        var steps: [Step] = []
        var shared: [String: [String: [UInt8]]] = [:]
        defer { for name in shared.keys { SecureMemory.wipe(&shared[name]!) } }
        for environment in try project.environments(named: environments) {
            steps.append(try run(environment, certificate: certificate, ask: ask, sharing: &shared[environment.name, default: [:]]))
        }
        return steps
    }

    private func run(_ environment: EnvironmentConfig, certificate: (CertificateSpec?) throws -> Certificate, ask: Prompt?,
                     sharing shared: inout [String: [UInt8]]) throws -> Step {
        let workflow = try EnvironmentWorkflow(environment: environment)
        let plan: EnvironmentWorkflow.Plan
        switch mode {
        case .generate(let force): plan = try workflow.plan(force: force)
        case .rotate(let keys): plan = try workflow.plan(rotating: keys)
        }
        if dryRun { return Step(environment: environment.displayName, text: workflow.dryRunSummary(plan)) }
        guard !plan.keysToSeal.isEmpty else {
            let output = EnvironmentWorkflow.displayPath(environment.outputURL)
            return Step(environment: environment.displayName, text: "\(environment.displayName): \(output) already holds every key; nothing to do\n", remedy: .sealEveryValueAgain)
        }
        let given = { (key: String) in values?.value(environment: environment.name, key: key) }
        // Without anyone to ask, every prompted value must be given: fail before generating anything.
        let missing = ask == nil ? workflow.missingPromptedValues(plan, given: given) : []
        guard missing.isEmpty else { throw EnvironmentError.missingValues(environment: environment.name, keys: missing) }
        let outcome = try workflow.run(plan, certificate: try certificate(environment.certificate), command: "\(command) \(environment.name)",
                                       rotating: mode.isRotation, given: given, sharing: &shared) { key, spec in
            guard let ask else { throw EnvironmentError.missingValues(environment: environment.name, keys: [key.name]) }
            return try ask(environment.name, key.name, spec)
        }
        return Step(environment: environment.displayName, outcome: outcome, text: outcome.summary)
    }
}
