#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
import SealKitCrypto
import SealKitModel
import SealKitFiles
import SealKitSealing

/// Seals one environment's credentials into its overlay: what `sealctl generate` and
/// `sealctl rotate` do, as a library.
///
/// It checks, before asking for any value, that the overlay will not break the seal (a
/// kustomize `namespace` other than the sealed one, or a name prefix or suffix on a strict
/// SealedSecret) and that every key the overlay's workloads read is produced.
public struct EnvironmentWorkflow: Sendable {
    /// The environment's configuration.
    public let environment: EnvironmentConfig
    /// The environment's overlay, as kustomize will render it.
    public let overlay: KustomizeOverlay
    /// The namespace sealed for: the config's, else the overlay's.
    public let namespace: String

    /// Reads the overlay and checks that sealing this environment into it is sound.
    public init(environment: EnvironmentConfig) throws {
        self.environment = environment
        overlay = try KustomizeOverlay(directory: environment.overlay)
        let overlayNamespace = overlay.kustomization.namespace.flatMap { $0.isEmpty ? nil : $0 }
        guard let namespace = environment.namespace ?? overlayNamespace else {
            throw EnvironmentError.noNamespace(environment: environment.displayName, overlay: environment.overlay.path)
        }
        self.namespace = namespace
        if let overlayNamespace, overlayNamespace != namespace, environment.scope != .clusterWide {
            throw EnvironmentError.namespaceMoved(environment: environment.displayName, sealed: namespace, overlay: overlayNamespace)
        }
        let prefix = overlay.kustomization.namePrefix ?? "", suffix = overlay.kustomization.nameSuffix ?? ""
        if environment.scope == .strict, !(prefix + suffix).isEmpty {
            throw EnvironmentError.nameChanged(environment: environment.displayName, secretName: environment.secretName, prefix: prefix, suffix: suffix)
        }
        let configured = Set(environment.keys.map(\.name))
        let missing = overlay.referencedKeys(of: environment.secretName).required.filter { !configured.contains($0) }
        guard missing.isEmpty else { throw EnvironmentError.missingKeys(environment: environment.displayName, secretName: environment.secretName, keys: missing) }
    }

    /// What a run will do.
    public struct Plan: Sendable {
        /// Keys to make values for and seal.
        public var keysToSeal: [KeySpec]
        /// Keys kept as they are sealed in the existing file.
        public var keptKeys: [String]
        /// The existing file's SealedSecret, when there is one and it is kept.
        public var existing: SealedSecret?
        /// The existing file's SealedSecret that a forced run seals anew: none of it is kept,
        /// but the new one is written into its lines, so that comments and layout stay.
        public var replacing: SealedSecret?
    }

    /// The plan for `generate` (`rotating` nil) or `rotate` (the keys to renew).
    ///
    /// `generate` keeps keys the file already holds and seals only missing ones, unless
    /// `force`; `rotate` renews the given keys and keeps every other one byte-identical.
    public func plan(force: Bool = false, rotating: [String]? = nil) throws -> Plan {
        let existing = try existingSealedSecret()
        if let rotating {
            guard let existing else { throw EnvironmentError.nothingToRotate(environment: environment.displayName, path: environment.outputURL.path) }
            try checkMatches(existing)
            let unknown = rotating.filter { name in !environment.keys.contains { $0.name == name } }
            guard unknown.isEmpty else { throw EnvironmentError.unknownKeys(environment: environment.displayName, keys: unknown) }
            let names = rotating.isEmpty ? environment.keys.filter(\.isRotatedByDefault).map(\.name) : rotating
            return Plan(keysToSeal: environment.keys.filter { names.contains($0.name) },
                        keptKeys: existing.spec.encryptedData.keys.filter { !names.contains($0) }.sorted(), existing: existing)
        }
        guard let existing, !force else { return Plan(keysToSeal: environment.keys, keptKeys: [], existing: nil, replacing: existing) }
        try checkMatches(existing)
        return Plan(keysToSeal: environment.keys.filter { existing.spec.encryptedData[$0.name] == nil },
                    keptKeys: environment.keys.map(\.name).filter { existing.spec.encryptedData[$0] != nil }, existing: existing)
    }

    /// A value for a key whose source needs no person: generated, fixed, an environment
    /// variable or a file. Returns nil for prompted keys.
    public func automaticValue(for key: KeySpec, environmentVariables: [String: String] = ProcessInfo.processInfo.environment) throws -> [UInt8]? {
        switch key.source {
        case .generated(let generator): return Array(try generator.generate().utf8)
        case .fixed(let value): return Array(value.utf8)
        case .environment(let variable):
            guard let value = environmentVariables[variable] else { throw EnvironmentError.missingVariable(key: key.name, variable: variable) }
            return Array(value.utf8)
        case .file(let url):
            guard let bytes = try? FileBytes.read(url.path) else { throw EnvironmentError.unreadableFile(key: key.name, path: url.path) }
            return bytes
        case .prompted: return nil
        }
    }

    /// The SealedSecret with `values` (by key) sealed into it, the plan's kept keys untouched.
    /// The certificate's key fingerprint is recorded, so that checks and unsealing can name it.
    public func seal(_ plan: Plan, values: [String: [UInt8]], certificate: Certificate) throws -> SealedSecret {
        let sealer = try Sealer(certificate: certificate)
        if let existing = plan.existing {
            return try sealer.apply(ValueChanges(updated: values.mapValues { Data($0) }), to: existing)
        }
        let secret = Secret(name: environment.secretName, namespace: namespace, data: values.mapValues { Data($0) }, type: "Opaque")
        return try sealer.seal(secret, options: .init(scope: environment.scope, recordsKeyFingerprint: true))
    }

    /// The file's text: a short header, then the SealedSecret as kubeseal writes it.
    public func fileText(_ sealed: SealedSecret, certificate: Certificate, command: String) throws -> String {
        """
        # Generated by `\(command)` (SealKit \(SealKitVersion.current)).
        # Sealed for \(namespace)/\(environment.secretName) (\(environment.scope)) with key \(certificate.keyFingerprint).
        # Safe to commit: only the sealed-secrets controller holding that key can decrypt it.

        """ + (try sealed.formatted(as: .yaml))
    }

    /// Writes the file atomically and adds it to the overlay's `resources` when it is missing
    /// there. Returns whether the kustomization was changed.
    @discardableResult
    public func write(_ text: String) throws -> Bool {
        try AtomicFile.write(text, to: environment.outputURL)
        return try addToKustomization()
    }

    /// Writes `sealed`, which `plan` made from the existing file, into that file by changing only
    /// the lines of the keys that changed (and, when the certificate changed, the key named in the
    /// generated header), when the change can be made line by line; else writes the whole file
    /// anew. Returns whether the kustomization was changed.
    @discardableResult
    public func write(_ sealed: SealedSecret, from plan: Plan, certificate: Certificate, command: String) throws -> Bool {
        if let existing = plan.existing ?? plan.replacing, let recorded = existing.recordedKeyFingerprint,
           var file = try? SealedSecretFile(contentsOf: environment.outputURL.path), file.sealedSecretIndexes.count == 1,
           let index = file.sealedSecretIndexes.first, try file.replace(index, with: sealed) != .document {
            try AtomicFile.write(Self.renamingKey(in: file.text.text, from: recorded, to: certificate.keyFingerprint), to: environment.outputURL)
            return try addToKustomization()
        }
        return try write(try fileText(sealed, certificate: certificate, command: command))
    }

    /// `text` with the key named in its generated header (the comment lines before the first
    /// other line) changed from `old` to `new`; every other byte as it was.
    static func renamingKey(in text: String, from old: KeyFingerprint, to new: KeyFingerprint) -> String {
        guard old != new else { return text }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for index in lines.indices {
            guard lines[index].hasPrefix("#") else { break }
            if lines[index].hasPrefix("# Sealed for "), lines[index].contains(" with key \(old)") {
                lines[index] = lines[index].split(separator: " with key \(old)", omittingEmptySubsequences: false).joined(separator: " with key \(new)")
            }
        }
        return lines.joined(separator: "\n")
    }

    private func addToKustomization() throws -> Bool {
        guard let kustomizationFile = KustomizeOverlay.kustomizationFile(in: environment.overlay) else { return false }
        let original = try FileBytes.text(kustomizationFile.path)
        guard let edited = try KustomizationEditor.addingResource(environment.outputFileName, to: original) else { return false }
        try AtomicFile.write(edited, to: kustomizationFile)
        return true
    }

    /// The commands that deploy the new values.
    public var nextCommands: [String] {
        var commands = ["kubectl apply -k \(Self.displayPath(environment.overlay))"]
        for workload in overlay.workloads(reading: environment.secretName) where ["Deployment", "StatefulSet", "DaemonSet"].contains(workload.resource.kind) {
            commands.append("kubectl rollout restart \(workload.resource.kind.lowercased())/\(workload.resource.finalName) -n \(workload.resource.finalNamespace ?? namespace)")
        }
        return commands
    }

    /// A path relative to the working directory when it is inside it.
    public static func displayPath(_ url: URL) -> String {
        let current = FileManager.default.currentDirectoryPath + "/"
        return url.path.hasPrefix(current) ? String(url.path.dropFirst(current.count)) : url.path
    }

    private func existingSealedSecret() throws -> SealedSecret? {
        guard POSIX.kind(ofPath: environment.outputURL.path) != .missing else { return nil }
        let file = try SealedSecretFile(contentsOf: environment.outputURL.path)
        guard let index = file.sealedSecretIndexes.first, file.sealedSecretIndexes.count == 1 else {
            throw EnvironmentError.unexpectedFile(path: environment.outputURL.path)
        }
        return try file.sealedSecret(at: index)
    }

    private func checkMatches(_ existing: SealedSecret) throws {
        guard existing.metadata.name == environment.secretName, existing.metadata.namespace == namespace, existing.scope == environment.scope else {
            throw EnvironmentError.existingDiffers(path: environment.outputURL.path,
                                                found: "\(existing.metadata.namespace ?? "")/\(existing.metadata.name ?? "") (\(existing.scope))",
                                                expected: "\(namespace)/\(environment.secretName) (\(environment.scope))")
        }
    }
}

