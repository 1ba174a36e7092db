import SealKitSupport
import SealKitModel

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
    /// A strict raw value is bound to a name that was not given.
    case rawValueNeedsName(scope: SealingScope)
    /// A strict or namespace-wide raw value is bound to a namespace that was not given.
    case rawValueNeedsNamespace(scope: SealingScope)
    /// Standard input is a terminal, where the input was to be piped.
    case standardInputIsTerminal(expected: String)
    /// A certificate's cluster name is not a word that can name a file.
    case invalidClusterName(argument: String)
    /// Two certificates were given the same name.
    case repeatedClusterName(String)
    /// Sealing for named certificates was asked for without any.
    case certificateNeeded
    /// An operation that writes for one certificate was given several.
    case oneCertificateExpected(operation: String, found: Int)

    public var description: String {
        switch self {
        case .emptyInput(let expected): return "no \(expected) found in the input"
        case .oneSecretExpected(let found): return "merging takes one Secret, found \(found)"
        case .noSuchKey(let file, let key): return "\(file): the SealedSecret has no key \"\(key)\""
        case .severalFilesNeedInPlace(let count): return "re-sealing \(count) files cannot print one result"
        case .editAbandoned(let reason): return "\(reason); nothing was changed"
        case .noProjectConfig: return "no sealctl.yaml in this folder or above (see Docs/managing-secrets.md)"
        case .notInRepository: return "not inside a git work tree"
        case .rawValueNeedsName(let scope): return "a raw value sealed with \(scope) scope needs a name"
        case .rawValueNeedsNamespace(let scope): return "a raw value sealed with \(scope) scope needs a namespace"
        case .standardInputIsTerminal(let expected): return "standard input is a terminal (tty detected: expecting \(expected))"
        case .invalidClusterName(let argument): return "\(argument): a certificate's name (NAME=PATH, or the file's name) must be letters, digits, '.', '_' or '-'"
        case .certificateNeeded: return "a file per certificate needs the certificates (NAME=PATH)"
        case .repeatedClusterName(let name): return "two certificates are named \(name); name them apart (NAME=PATH)"
        case .oneCertificateExpected(let operation, let found): return "\(operation) seals for one certificate, and \(found) were given: one file is sealed for one cluster"
        }
    }

    public var remedy: Remedy? {
        switch self {
        case .noProjectConfig: return .giveConfigFile
        case .severalFilesNeedInPlace: return .rewriteInPlace
        case .standardInputIsTerminal: return .pipeInput
        case .notInRepository: return .runInsideRepository
        case .rawValueNeedsName: return .giveRawValueName
        case .rawValueNeedsNamespace: return .giveRawValueNamespace
        default: return nil
        }
    }
}
