import ArgumentParser
import SealKit

/// The `sealctl` root command.
struct SealCtl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sealctl", abstract: "Seal, unseal, re-seal and check Kubernetes Sealed Secrets.",
        discussion: """
        sealctl does kubeseal's job with kubeseal's flags, plus offline unsealing, re-sealing, validation, \
        editing, key management and custody. Everything it writes is byte-compatible with the Bitnami controller.

        kubeseal's environment variables work too: SEALED_SECRETS_CERT, SEALED_SECRETS_SCOPE, \
        SEALED_SECRETS_FORMAT, SEALED_SECRETS_CONTROLLER_NAME, SEALED_SECRETS_CONTROLLER_NAMESPACE. \
        A flag wins over its variable.
        """,
        version: SealKitVersion.current,
        subcommands: [SealCommand.self, UnsealCommand.self, ResealCommand.self, ValidateCommand.self, CertCommand.self,
                      SetCommand.self, UnsetCommand.self, EditCommand.self, DiffCommand.self, KeysCommand.self,
                      GenerateCommand.self, RotateCommand.self, CheckCommand.self, GitCommand.self, DoctorCommand.self, StatusCommand.self]
    )
}

extension SealCtl {
    /// sealctl's own command types, the root's and every subcommand's, by identity: told apart
    /// from argument-parser's without a dynamic cast (each first cast scans every conformance record).
    static let commandTypes: Set<ObjectIdentifier> = {
        func all(_ type: ParsableCommand.Type) -> [ParsableCommand.Type] { [type] + type.configuration.subcommands.flatMap(all) }
        return Set(all(SealCtl.self).map(ObjectIdentifier.init))
    }()
}
