/// Something an operation has to say that is not its result: a note (a keyring was created, a
/// file was rewritten whole) or a warning (a value ends in a line break). Operations return
/// notices; they never print them.
public struct Notice: Sendable, Hashable, CustomStringConvertible {
    /// How much it matters.
    public enum Level: String, Sendable, Hashable { case note, warning, error }

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
