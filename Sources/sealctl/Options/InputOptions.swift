import ArgumentParser
import SealKit

/// `-f FILE` (repeatable) or standard input.
struct InputOptions: ParsableArguments {
    @Option(name: [.customShort("f"), .customLong("file"), .customLong("secret-file")],
            help: ArgumentHelp("Input file (repeatable: one run reads them all, in order; default or -: standard input).", valueName: "file"))
    var files: [String] = []

    /// Each input's bytes with a name for messages, in order. Refuses a terminal on stdin
    /// instead of waiting for input that will not come.
    func read(expecting what: String) throws -> [ManifestInput] {
        let named = files.isEmpty ? ["-"] : files
        return try named.map { file in
            file == "-" ? ManifestInput(bytes: try Console.standardInput(expecting: what, or: "-f FILE"), source: "stdin")
                        : ManifestInput(bytes: try FileBytes.read(file), source: file)
        }
    }
}
