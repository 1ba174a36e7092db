import ArgumentParser
import SealKit

/// `-f FILE` or standard input.
struct InputOptions: ParsableArguments {
    @Option(name: [.customShort("f"), .customLong("file"), .customLong("secret-file")],
            help: ArgumentHelp("Input file (default: standard input).", valueName: "file"))
    var file: String?

    /// The input's bytes, and a name for messages. Refuses a terminal on stdin instead of
    /// waiting for input that will not come.
    func read(expecting what: String) throws -> (bytes: [UInt8], name: String) {
        if let file, file != "-" {
            return (try FileBytes.read(file), file)
        }
        return (try Console.standardInput(expecting: what, or: "-f FILE"), "stdin")
    }

    /// The input as a manifest stream, with parse errors located in the input's name.
    func readStream(expecting what: String) throws -> (stream: ManifestStream, name: String) {
        let (bytes, name) = try read(expecting: what)
        do {
            return (try ManifestStream(bytes: bytes), name)
        } catch {
            throw error.inFile(name)
        }
    }
}

extension InputOptions {
    private static let quickFile = QuickCommandLine.Option("-f", "--file", "--secret-file")
    static let quickOptions = [quickFile]

    /// Built from a command line read without argument-parser (see ``QuickCommandLine``).
    static func built(from line: QuickCommandLine) -> Self {
        var parsed = Self()
        parsed.file = line.value(Self.quickFile)
        return parsed
    }
}
