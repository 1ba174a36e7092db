import SealKit

/// How sealctl words SealKit's errors. The library never names sealctl's flags (a program that
/// embeds SealKit has none), so the flag or command that fixes an error is added here.
enum ErrorText {
    /// The error's description with sealctl's hint, if it has one.
    static func describe(_ error: any Error) -> String {
        if case SealingError.namespaceMismatch(let secret, let requested) = error {
            return "the Secret's namespace \"\(secret)\" does not match --namespace \"\(requested)\"; it would be sealed for a namespace it does not say"
        }
        return "\(error)" + (hint(for: error) ?? "")
    }

    private static func hint(for error: any Error) -> String? {
        switch error {
        case SealingError.emptyData: return "; use --allow-empty-data if that is intended"
        case SealingError.missingName: return " (set one, or pass --name)"
        case SealingError.missingNamespace: return ": pass -n/--namespace, set metadata.namespace, or use --scope cluster-wide"
        case SealingError.legacyFormat: return "; pass --allow-legacy to read it"
        case SealingError.malformedInput(let message) where message.hasPrefix("a literal value"): return " (--from-literal KEY=VALUE)"
        case AccessError.kubectlNotInstalled: return ", or give a certificate with --cert"
        case AccessError.controllerNotFound(_, let name):
            return name == SealedSecretsController.defaultName
                ? ": pass --controller-name \(SealedSecretsController.helmChartName)"
                : "; check --controller-name and --controller-namespace"
        case AccessError.kubectlTimedOut: return " (--request-timeout sets the wait; sealctl doctor says where the path breaks)"
        case AccessError.controllerNotDiscovered, AccessError.controllerAmbiguous: return ": pass --controller-name and --controller-namespace"
        case EnvironmentError.nothingToRotate(let environment, _): return "; run `sealctl generate \(environment)` first"
        case EnvironmentError.existingDiffers: return "; pass --force to seal every value again"
        case EnvironmentError.missingValues: return "; pass --values-file FILE"
        case CryptoError.localKeyringEmpty: return "; give private keys with --key FILE, or run `sealctl keys rotate` to make one"
        case CryptoError.wouldOverwriteKey: return " (choose another --out folder)"
        default: return nil
        }
    }
}
