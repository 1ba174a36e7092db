import ArgumentParser
import SealKit

/// Options shared by `generate` and `rotate`.
struct WorkflowOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The project config (default: the nearest sealctl.yaml in this folder or above).", valueName: "file")) var config: String?
    @Option(help: ArgumentHelp("Values for prompted keys when there is no terminal: YAML or JSON, KEY: value or ENV: {KEY: value}. Keep it 0600 and delete it after.", valueName: "file"))
    var valuesFile: String?
    @Flag(help: "Show what would change, without writing or asking for anything.") var dryRun = false
    @OptionGroup var certificate: CertificateOptions

    /// Runs the environment workflow for `names` (or `all`) of the project, in order.
    func run(_ names: [String], mode: EnvironmentRun.Mode, command: String) throws {
        let (run, notices) = try EnvironmentRun.load(configPath: config, searchingFrom: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                                                     environments: names, mode: mode, valuesFile: valuesFile, dryRun: dryRun, command: command)
        Console.show(notices)
        let ask = EnvironmentRun.terminalPrompt { Console.standardError($0 + "\n") }
        for step in try run.run(certificate: { try certificate.certificate(configured: $0) }, ask: ask) {
            try Console.standardOutput(step.remedy.map { step.text.dropLast() + ErrorText.hint($0) + "\n" } ?? step.text)
        }
    }
}

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Seal an environment's credentials into its kustomize overlay (secrets.yaml).",
        discussion: """
        For each environment of sealctl.yaml: checks that the overlay will not break the seal and \
        that every key its workloads read is produced; makes the values (generated, prompted \
        without echo, fixed, from an environment variable or a file); seals them with that \
        environment's certificate; writes <overlay>/secrets.yaml atomically; and adds it to the \
        overlay's kustomization.yaml. Keys already sealed in the file are kept unless --force. \
        Values never appear on the command line, in a file other than the sealed one, or in output.

        Without a terminal, prompted values come from --values-file.

        EXAMPLES:
          sealctl generate development
          sealctl generate all
          sealctl generate production --values-file /dev/shm/prod-values.yaml
        """
    )

    @Argument(help: ArgumentHelp("Environments to generate, or `all`.", valueName: "environment")) var environments: [String]
    @Flag(help: "Seal new values for keys that are already sealed, too.") var force = false
    @OptionGroup var options: WorkflowOptions

    func validate() throws {
        if environments.isEmpty { throw ValidationError("name an environment, or `all`") }
    }

    func run() throws {
        try options.run(environments, mode: .generate(force: force), command: "sealctl generate")
    }
}

struct RotateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate", abstract: "Seal new values for some keys of an environment; every other key stays byte-identical.",
        discussion: """
        Without keys, renews every generated or prompted secret key (never fixed settings). The \
        git diff shows only the rotated keys. Give the database or broker the new credentials too.

        EXAMPLES:
          sealctl rotate production POSTGRES_PASSWORD
          sealctl rotate development
        """
    )

    @Argument(help: ArgumentHelp("The environment.", valueName: "environment")) var environment: String
    @Argument(help: ArgumentHelp("Keys to renew (default: every generated or prompted secret).", valueName: "key")) var keys: [String] = []
    @OptionGroup var options: WorkflowOptions

    func run() throws {
        try options.run([environment], mode: .rotate(keys: keys), command: "sealctl rotate")
    }
}
