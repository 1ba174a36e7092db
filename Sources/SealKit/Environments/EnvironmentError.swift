#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
import SealKitModel

/// A problem with the per-environment workflow: `sealctl.yaml` itself, or what sealing an
/// environment into its kustomize overlay would break. `environment` names the environment.
public enum EnvironmentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `sealctl.yaml` (or the file named `file`) is not a valid configuration.
    case invalidConfig(file: String, problem: String)
    /// No environment of that name.
    case unknownEnvironment(name: String, known: [String])
    /// Neither the config nor the overlay's kustomization gives a namespace.
    case noNamespace(environment: String, overlay: String)
    /// The overlay's `namespace:` differs from the namespace the Secret would be sealed for.
    case namespaceMoved(environment: String, sealed: String, overlay: String)
    /// The overlay's namePrefix/nameSuffix would rename a strict-scoped SealedSecret.
    case nameChanged(environment: String, secretName: String, prefix: String, suffix: String)
    /// Workloads in the overlay read keys the config does not produce.
    case missingKeys(environment: String, secretName: String, keys: [String])
    /// Keys asked for (to rotate) that the config does not have.
    case unknownKeys(environment: String, keys: [String])
    /// Rotation needs an existing sealed file.
    case nothingToRotate(environment: String, path: String)
    /// The existing sealed file was sealed for another name, namespace or scope.
    case existingDiffers(path: String, found: String, expected: String)
    /// The existing output file does not hold exactly one SealedSecret.
    case unexpectedFile(path: String)
    /// A key's value comes from an environment variable that is not set.
    case missingVariable(key: String, variable: String)
    /// A key's value comes from a file that cannot be read.
    case unreadableFile(key: String, path: String)
    /// Prompted keys with no terminal to prompt on and no value given otherwise.
    case missingValues(environment: String, keys: [String])

    public var description: String {
        switch self {
        case .invalidConfig(let file, let problem):
            return "\(file): \(problem)"
        case .unknownEnvironment(let name, let known):
            return "no environment \"\(name)\" in the config (known: \(known.joined(separator: ", ")))"
        case .noNamespace(let environment, let overlay):
            return "\(environment): no namespace: set one in sealctl.yaml or as `namespace:` in \(overlay)/kustomization.yaml"
        case .namespaceMoved(let environment, let sealed, let overlay):
            return "\(environment): the overlay moves everything to namespace \(overlay), but the Secret would be sealed for \(sealed); it would not decrypt in the cluster"
        case .nameChanged(let environment, let name, let prefix, let suffix):
            return "\(environment): the overlay's namePrefix \"\(prefix)\" / nameSuffix \"\(suffix)\" would rename the strict-scoped \(name), which would then not decrypt; use scope namespace-wide, or remove them"
        case .missingKeys(let environment, let secret, let keys):
            return "\(environment): the overlay's workloads read keys of \(secret) that sealctl.yaml does not produce: \(keys.joined(separator: ", "))"
        case .unknownKeys(let environment, let keys):
            return "\(environment): no such keys in sealctl.yaml: \(keys.joined(separator: ", "))"
        case .nothingToRotate(let environment, let path):
            return "\(environment): \(path) does not exist yet"
        case .existingDiffers(let path, let found, let expected):
            return "\(path) is sealed for \(found), not \(expected)"
        case .unexpectedFile(let path):
            return "\(path) should hold exactly one SealedSecret"
        case .missingVariable(let key, let variable):
            return "\(key): the environment variable \(variable) is not set"
        case .unreadableFile(let key, let path):
            return "\(key): cannot read \(path)"
        case .missingValues(let environment, let keys):
            return "\(environment): no terminal to prompt on, and no value given for \(keys.joined(separator: ", "))"
        }
    }
}

extension EnvironmentError: RemediableError {
    public var remedy: Remedy? {
        switch self {
        case .nothingToRotate(let environment, _): return .generateEnvironmentFirst(environment: environment)
        case .existingDiffers: return .sealEveryValueAgain
        case .missingValues: return .giveValuesFile
        default: return nil
        }
    }
}
