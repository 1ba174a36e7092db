import ArgumentParser
import SealKit

extension KubesealFormat.OutputFormat: ExpressibleByArgument {}

/// `-o yaml|json` and `-w FILE`.
struct OutputOptions: ParsableArguments {
    @Option(name: [.customShort("o"), .customLong("format")],
            help: ArgumentHelp("Output format: yaml or json (default: yaml, or json for a -w file ending in .json; env SEALED_SECRETS_FORMAT).", valueName: "format"))
    var format: KubesealFormat.OutputFormat?
    @Option(name: [.customShort("w"), .customLong("output-file"), .customLong("sealed-secret-file")],
            help: ArgumentHelp("Write to this file, atomically and only on success (default: standard output).", valueName: "file"))
    var outputFile: String?

    /// The format: the flag, then a `.json`/`.yaml` output file, then SEALED_SECRETS_FORMAT, then yaml.
    func resolvedFormat() throws -> KubesealFormat.OutputFormat {
        try KubesealFormat.OutputFormat.resolve(format, outputFile: outputFile, environment: Environment.values)
    }

    /// Writes the whole output at once: to the file atomically, or to standard output.
    func emit(_ text: String) throws {
        if let outputFile, outputFile != "-" {
            try AtomicFile.write(text, to: URL(fileURLWithPath: outputFile))
        } else {
            try Console.standardOutput(text)
        }
    }
}

/// `-f FILE` (repeatable) or standard input.
struct InputOptions: ParsableArguments {
    @Option(name: [.customShort("f"), .customLong("file"), .customLong("secret-file")],
            help: ArgumentHelp("Input file (repeatable: one run reads them all, in order; default or -: standard input).", valueName: "file"))
    var files: [String] = []

    /// Each input, in order (see ``ManifestInput/read(_:expecting:)``).
    func read(expecting what: String) throws -> [ManifestInput] { try ManifestInput.read(files, expecting: what) }
}
