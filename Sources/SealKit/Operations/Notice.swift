/// Something an operation has to say that is not its result: a note (a keyring was created, a
/// file was rewritten whole) or a warning (a value ends in a line break). Operations return
/// notices; they never print them.
public struct Notice: Sendable, Hashable, CustomStringConvertible {
    /// How much it matters.
    public enum Level: String, Sendable, Hashable { case note, warning }

    public var level: Level
    /// What happened, naming no command or flag.
    public var message: String
    /// What to do about it, when something specific helps.
    public var remedy: Remedy?

    public init(_ level: Level, _ message: String, remedy: Remedy? = nil) {
        self.level = level
        self.message = message
        self.remedy = remedy
    }

    public static func note(_ message: String, remedy: Remedy? = nil) -> Notice { Notice(.note, message, remedy: remedy) }
    public static func warning(_ message: String, remedy: Remedy? = nil) -> Notice { Notice(.warning, message, remedy: remedy) }

    /// `warning: message`.
    public var description: String { "\(level.rawValue): \(message)" }
}

/// An error with where it happened (a file, a document of a stream), around the error itself.
public struct LocatedError: Error, Sendable, CustomStringConvertible, RemediableError {
    /// Where: `db.yaml: document 2`.
    public var location: String
    /// What went wrong there.
    public var underlying: any Error

    public init(_ location: String, _ underlying: any Error) {
        self.location = location
        self.underlying = underlying
    }

    public var description: String { "\(location): \(underlying)" }
    public var remedy: Remedy? { (underlying as? RemediableError)?.remedy }
}

/// One input of an operation: its bytes, and the name messages give it (a path, or `stdin`).
public struct ManifestInput: Sendable {
    public var bytes: [UInt8]
    public var source: String

    public init(bytes: [UInt8], source: String) {
        self.bytes = bytes
        self.source = source
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

/// Errors of the operations themselves, as opposed to the rules they apply.
public enum OperationError: Error, Sendable, Equatable, CustomStringConvertible, RemediableError {
    /// An input held no documents.
    case emptyInput(expected: String)
    /// An operation that takes one Secret was given several.
    case oneSecretExpected(found: Int)
    /// A SealedSecret has no such key.
    case noSuchKey(file: String, key: String)
    /// Several files are re-sealed, so the result cannot be one output: rewrite them in place.
    case severalFilesNeedInPlace(count: Int)
    /// The edit was abandoned: the editor failed or its text did not read back.
    case editAbandoned(reason: String)
    /// No project configuration file was found.
    case noProjectConfig
    /// Not inside a git work tree.
    case notInRepository
    /// A raw value's scope binds it to a name (strict) or namespace that was not given.
    case rawValueNeeds(what: String, scope: SealingScope)
    /// An argument the operation cannot use (a programming or usage error of the caller).
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .emptyInput(let expected): return "no \(expected) found in the input"
        case .oneSecretExpected(let found): return "merging takes one Secret, found \(found)"
        case .noSuchKey(let file, let key): return "\(file): the SealedSecret has no key \"\(key)\""
        case .severalFilesNeedInPlace(let count): return "re-sealing \(count) files cannot print one result"
        case .editAbandoned(let reason): return "\(reason); nothing was changed"
        case .noProjectConfig: return "no sealctl.yaml in this folder or above (see Docs/managing-secrets.md)"
        case .notInRepository: return "not inside a git work tree"
        case .rawValueNeeds(let what, let scope): return "a raw value sealed with \(scope) scope needs a \(what)"
        case .invalidArgument(let message): return message
        }
    }

    public var remedy: Remedy? {
        switch self {
        case .noProjectConfig: return .giveConfigFile
        case .severalFilesNeedInPlace: return .rewriteInPlace
        case .notInRepository: return .runInsideRepository
        case .rawValueNeeds(let what, _): return what == "name" ? .giveRawValueName : .giveRawValueNamespace
        default: return nil
        }
    }
}
