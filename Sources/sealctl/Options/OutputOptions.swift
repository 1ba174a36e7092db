import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
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

extension OutputOptions {
    private static let quickFormat = QuickCommandLine.Option("-o", "--format")
    private static let quickOutputFile = QuickCommandLine.Option("-w", "--output-file", "--sealed-secret-file")
    static let quickOptions = [quickFormat, quickOutputFile]

    /// Built from a command line read without argument-parser (see ``QuickCommandLine``).
    static func built(from line: QuickCommandLine) throws(QuickCommandLine.NotRead) -> Self {
        var parsed = Self()
        parsed.format = try line.value(Self.quickFormat, as: KubesealFormat.OutputFormat.self)
        parsed.outputFile = line.value(Self.quickOutputFile)
        return parsed
    }
}
