#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
import SealKitSerialization

/// One input of an operation: its bytes, and the name messages give it (a path, or `stdin`).
public struct ManifestInput: Sendable {
    public var bytes: [UInt8]
    public var source: String

    public init(bytes: [UInt8], source: String) {
        self.bytes = bytes
        self.source = source
    }

    /// Standard input to its end. A terminal there is refused, not waited on: `what` says what
    /// was expected.
    public static func standardInput(expecting what: String) throws -> ManifestInput {
        guard !POSIX.isTerminal(.input) else { throw OperationError.standardInputIsTerminal(expected: what) }
        return ManifestInput(bytes: try POSIX.readStandardInput(), source: "stdin")
    }

    /// The files named, in order, `-` (or no file at all) being standard input, which is refused
    /// when it is a terminal instead of waited on: `what` says what was expected.
    public static func read(_ files: [String], expecting what: String) throws -> [ManifestInput] {
        try (files.isEmpty ? ["-"] : files).map { file in
            file == "-" ? try standardInput(expecting: what) : try ManifestInput(contentsOf: file)
        }
    }

    /// The file at `path`.
    public init(contentsOf path: String) throws {
        self.init(bytes: try FileBytes.read(path), source: path)
    }

    /// The bytes as a manifest stream; an error names the source. An input without documents
    /// is an error: `what` says what was expected.
    func stream(expecting what: String) throws -> ManifestStream {
        let stream: ManifestStream
        do { stream = try ManifestStream(bytes: bytes) } catch { throw error.inFile(source) }
        guard !stream.documents.isEmpty else { throw LocatedError(source, OperationError.emptyInput(expected: what)) }
        return stream
    }
}

extension BulkValidator {
    /// The inputs `paths` name, or standard input when they name none.
    public static func inputs(orStandardInput paths: [String]) throws -> [Input] {
        paths.isEmpty ? [.bytes(try ManifestInput.standardInput(expecting: "SealedSecrets").bytes, name: "stdin")] : try inputs(for: paths)
    }
}
