import SealKit

/// How sealctl words SealKit's remedies. The library never names sealctl's flags (a program
/// that embeds SealKit has none): its errors and notices carry a ``Remedy``, and this adds the
/// flag or command that applies it. Nothing here reads a message's text.
enum ErrorText {
    /// The error's description with sealctl's hint, if it has one.
    static func describe(_ error: any Error) -> String {
        "\(error)" + ((error as? RemediableError)?.remedy.map(hint) ?? "")
    }

    /// The remedy in sealctl's terms, as a clause to append.
    static func hint(_ remedy: Remedy) -> String {
        switch remedy {
        case .allowEmptyData: return "; use --allow-empty-data if that is intended"
        case .nameTheSecret: return " (set one, or pass --name)"
        case .giveNamespace: return ": pass -n/--namespace, set metadata.namespace, or use --scope cluster-wide"
        case .matchNamespace: return " (-n/--namespace)"
        case .pipeInput: return "; pipe it in, or name a file (-f FILE, --from-file PATH, or paths)"
        case .rewriteInPlace: return ": pass --in-place to rewrite them, or name one file to print its result"
        case .allowLegacyFormat: return "; pass --allow-legacy to read it"
        case .giveRawValueName: return ": pass --name"
        case .giveRawValueNamespace: return ": pass -n/--namespace"
        case .literalSyntax: return " (--from-literal KEY=VALUE)"
        case .giveCertificate: return ", or give a certificate with --cert"
        case .nameController(let suggested?): return ": pass --controller-name \(suggested)"
        case .nameController(nil): return ": pass --controller-name and --controller-namespace"
        case .chooseController: return "; pass --controller-name/--controller-namespace to choose"
        case .raiseRequestTimeout: return " (--request-timeout sets the wait; sealctl doctor says where the path breaks)"
        case .generateEnvironmentFirst(let environment): return "; run `sealctl generate \(environment)` first"
        case .sealEveryValueAgain: return "; pass --force to seal every value again"
        case .giveValuesFile: return "; pass --values-file FILE"
        case .giveKeysOrMakeOne: return "; give private keys with --key FILE, or run `sealctl keys rotate` to make one"
        case .chooseAnotherFolder: return " (choose another --out folder)"
        case .giveConfigFile: return "; pass --config FILE"
        case .runInsideRepository: return "; run this in the repository, or pass --global"
        case .giveCustodyKey: return ": pass --key CUSTODY.key"
        case .giveCustodyCertificate: return ": pass --to CUSTODY.crt, or --plain"
        default: return "; " + help(remedy)
        }
    }

    /// The remedy as a sentence of its own (`check`'s help, `doctor`'s fixes).
    static func help(_ remedy: Remedy) -> String {
        switch remedy {
        case .sealOrAllowPlainSecret: return "Seal it (sealctl seal -f FILE -w FILE.sealed.yaml) and delete the plain file, or allow-list an example with --allow GLOB or the annotation sealkit.io/allow-plain-secret: \"true\"."
        case .regenerateSealedSecret: return "Regenerate it with sealctl seal or sealctl generate; see the message for the field."
        case .sealForKustomizedName: return "Seal for the final name and namespace, or use --scope namespace-wide (renames) or cluster-wide (moves)."
        case .resealForCertificate: return "Re-seal for the right certificate: sealctl reseal --in-place, or sealctl generate --force."
        case .addMissingKey: return "Add the key (sealctl set FILE KEY, or sealctl.yaml and sealctl generate), or mark the reference optional."
        case .installKubectlOrSealOffline: return "install kubectl, or seal offline with --cert and a committed certificate"
        case .checkClusterCredentials: return "check the kubeconfig's server and credentials (or --server, --token), and the network path to it"
        case .nameController: return "install the controller, or name it with --controller-name and --controller-namespace"
        case .sealOfflineMeanwhile: return "seal offline with --cert and a committed certificate meanwhile"
        default: return remedy.description
        }
    }
}
