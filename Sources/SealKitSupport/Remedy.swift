/// What fixes a problem, as data. SealKit's errors and findings state facts and never name a
/// command or flag (a program that embeds SealKit has its own); each carries the remedy as a
/// value, which the caller words in its own terms. ``description`` is a neutral wording.
public enum Remedy: Sendable, Hashable {
    /// Seal a Secret without data on purpose (`allowEmptyData`).
    case allowEmptyData
    /// Give the Secret a name.
    case nameTheSecret
    /// Give a namespace to seal for, or seal cluster-wide.
    case giveNamespace
    /// Seal for the namespace the Secret names.
    case matchNamespace
    /// Pipe the input in, or name a file.
    case pipeInput
    /// Rewrite the files in place.
    case rewriteInPlace
    /// Read SealedSecrets in the deprecated `spec.data` format (`acceptsLegacyData`).
    case allowLegacyFormat
    /// Give the name a raw value is sealed for.
    case giveRawValueName
    /// Give the namespace a raw value is sealed for.
    case giveRawValueNamespace
    /// Write a literal value as `KEY=VALUE`.
    case literalSyntax
    /// Seal with a certificate file instead of asking the cluster.
    case giveCertificate
    /// Name the controller's Service (and namespace); `suggested` is a likely name.
    case nameController(suggested: String?)
    /// Choose another controller than the one found.
    case chooseController
    /// Give kubectl more time, or find where the path breaks.
    case raiseRequestTimeout
    /// Generate the environment before rotating its keys.
    case generateEnvironmentFirst(environment: String)
    /// Seal every value of the environment again.
    case sealEveryValueAgain
    /// Give the prompted values in a file, for a run without a terminal.
    case giveValuesFile
    /// Give private keys, or make a key pair in the local keyring.
    case giveKeysOrMakeOne
    /// Write the key pair into another folder.
    case chooseAnotherFolder
    /// Seal the plain Secret and delete it, or allow-list the file.
    case sealOrAllowPlainSecret
    /// Seal the Secret again with a tool that writes valid SealedSecrets.
    case regenerateSealedSecret
    /// Seal for the final name and namespace, or with a wider scope.
    case sealForKustomizedName
    /// Re-seal for the right certificate.
    case resealForCertificate
    /// Add the key the workload reads, or mark the reference optional.
    case addMissingKey
    /// Fix the syntax, or keep the file out of the checked paths.
    case fixManifestSyntax
    /// Merge a key given twice into one.
    case mergeRepeatedKeys
    /// Name the project configuration file.
    case giveConfigFile
    /// Run inside a git work tree, or set up for the user globally.
    case runInsideRepository
    /// Install kubectl, or seal offline with a committed certificate.
    case installKubectlOrSealOffline
    /// Check the kubeconfig's server and credentials.
    case checkClusterCredentials
    /// Seal offline with a committed certificate while the cluster path is broken.
    case sealOfflineMeanwhile
    /// Give the custody private key that opens a sealed backup.
    case giveCustodyKey
    /// Seal the backup for a custody certificate, or ask for a plain one explicitly.
    case giveCustodyCertificate

    /// A wording that names no tool's flags.
    public var description: String {
        switch self {
        case .allowEmptyData: return "allow empty data if that is intended"
        case .nameTheSecret: return "set metadata.name"
        case .giveNamespace: return "give a namespace, set metadata.namespace, or seal cluster-wide"
        case .matchNamespace: return "seal for the namespace the Secret names, or change the Secret's"
        case .pipeInput: return "pipe it in, or name a file"
        case .rewriteInPlace: return "rewrite the files in place, or name one file"
        case .allowLegacyFormat: return "allow the legacy format to read it"
        case .giveRawValueName: return "give the Secret's name"
        case .giveRawValueNamespace: return "give the Secret's namespace"
        case .literalSyntax: return "write it as KEY=VALUE"
        case .giveCertificate: return "give a certificate file"
        case .nameController(let suggested): return suggested.map { "name the controller (perhaps \($0))" } ?? "name the controller and its namespace"
        case .chooseController: return "name the controller to choose another"
        case .raiseRequestTimeout: return "allow a longer request timeout, or walk the cluster path to see where it breaks"
        case .generateEnvironmentFirst(let environment): return "generate \(environment) first"
        case .sealEveryValueAgain: return "seal every value again"
        case .giveValuesFile: return "give the values in a values file"
        case .giveKeysOrMakeOne: return "give private key files, or add a key pair to the local keyring"
        case .chooseAnotherFolder: return "choose another folder"
        case .sealOrAllowPlainSecret: return "seal it and delete the plain file, or allow-list an example file or annotate it sealkit.io/allow-plain-secret: \"true\""
        case .regenerateSealedSecret: return "seal it again; see the message for the field"
        case .sealForKustomizedName: return "seal for the final name and namespace, or seal namespace-wide (renames) or cluster-wide (moves)"
        case .resealForCertificate: return "re-seal it for the right certificate"
        case .addMissingKey: return "add the key, or mark the reference optional"
        case .fixManifestSyntax: return "fix the syntax, or keep non-manifest files out of the checked paths"
        case .mergeRepeatedKeys: return "merge the two into one key, keeping what the later one says"
        case .giveConfigFile: return "name the project configuration file"
        case .runInsideRepository: return "run this inside the repository, or set up for every repository of this user"
        case .installKubectlOrSealOffline: return "install kubectl, or seal offline with a committed certificate"
        case .checkClusterCredentials: return "check the kubeconfig's server and credentials, and the network path to it"
        case .sealOfflineMeanwhile: return "seal offline with a committed certificate meanwhile"
        case .giveCustodyKey: return "give the custody private key"
        case .giveCustodyCertificate: return "seal the backup for a custody certificate, or ask for a plain backup explicitly"
        }
    }
}

/// An error that knows what fixes it.
public protocol RemediableError: Error {
    /// What fixes it, when something specific does.
    var remedy: Remedy? { get }
}

