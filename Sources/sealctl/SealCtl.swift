import ArgumentParser
import SealKit

/// The `sealctl` root command.
struct SealCtl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sealctl",
        abstract: "Seal, unseal, re-seal and check Kubernetes Sealed Secrets.",
        discussion: """
        sealctl does kubeseal's job with kubeseal's flags, plus offline re-sealing, offline \
        checks for CI, key management and a per-environment workflow for kustomize overlays. \
        Everything it writes is byte-compatible with the Bitnami sealed-secrets controller.
        """,
        version: SealKitVersion.current,
        subcommands: []
    )
}
