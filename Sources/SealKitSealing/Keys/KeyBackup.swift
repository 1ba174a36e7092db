#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
import SealKitCrypto
import SealKitSerialization
import SealKitModel

/// A backup of the controller's keys: the key Secrets, written either sealed for a custody
/// certificate (each Secret a SealedSecret, with the controller's own hybrid scheme, so the file
/// is safe at rest and opens with `sealctl unseal --key custody.key` or kubeseal's recovery
/// unseal) or plain (a `v1` List of the Secrets, for `kubectl apply -f`).
public struct KeyBackup: Sendable {
    /// The keys, oldest first.
    public var keys: [ControllerKey]

    public init(keys: [ControllerKey]) {
        self.keys = keys.sorted { $0.certificate.notValidBefore < $1.certificate.notValidBefore }
    }

    /// The key the controller seals with once these are loaded: the newest NotBefore among the
    /// keys it loads (upstream's `mostRecentKey`).
    public var sealingKey: ControllerKey? { keys.filter(\.isLoaded).last }

    /// The private keys, newest first (the one most values are sealed for is tried first).
    public var keyring: Keyring { Keyring(keys: keys.reversed().map(\.privateKey)) }

    /// The plain backup: a `v1` List of the key Secrets, in kubeseal's YAML.
    public func plainText() throws -> String {
        try ManifestList(items: keys.map(\.secret.node)).formatted(as: .yaml)
    }

    /// The sealed backup: one SealedSecret per key Secret, for `custody`. The Secrets come back
    /// without an owner reference (the controller would otherwise garbage-collect a restored
    /// key along with a SealedSecret that was never applied).
    public func sealedText(for custody: Certificate, now: Date = Date()) throws -> String {
        let sealer = try Sealer(certificate: custody, now: now)
        var text = ""
        for key in keys {
            var secret = key.secret
            secret.metadata.annotations[Unsealer.skipSetOwnerReferencesAnnotation] = "true"
            text += try sealer.seal(secret).formatted(as: .yaml)
        }
        return text
    }

    /// Reads a backup, plain (Secrets, or Lists of them, as `kubectl get -o yaml` prints) or
    /// sealed (SealedSecrets, opened with `custody`). Nothing is returned when any key does not
    /// open or is malformed.
    public init(contentsOf bytes: [UInt8], source: String, custody: Keyring? = nil) throws {
        let stream: ManifestStream
        do { stream = try ManifestStream(bytes: bytes) } catch { throw error.inFile(source) }
        var keys: [ControllerKey] = []
        for document in stream.documents {
            let secret: Secret
            if document.kind == "SealedSecret" {
                guard let custody else { throw KeyCustodyError.sealedBackupNeedsKey(file: source) }
                secret = try Unsealer(keyring: custody).unseal(SealedSecret(document: document))
            } else {
                secret = try Secret(document: document)
            }
            keys.append(try ControllerKey(secret: secret, source: "\(source) (\(document.locationDescription))"))
        }
        guard !keys.isEmpty else { throw KeyCustodyError.emptyBackup(file: source) }
        self.init(keys: keys)
    }

    /// One line per key: fingerprint, validity, label, and which one seals.
    public func summary() -> String {
        let sealing = sealingKey?.certificate.keyFingerprint
        return keys.map { key in
            let certificate = key.certificate
            let seals = certificate.keyFingerprint == sealing ? ", seals now" : ""
            return "\(key.secret.metadata.name ?? "?"): key \(certificate.keyFingerprint), RSA-\(certificate.keyBitCount), valid \(certificate.notValidBefore.iso8601Text) to \(certificate.notValidAfter.iso8601Text), \(key.status)\(seals)\n"
        }.joined()
    }
}

/// What goes wrong with a backup of keys.
public enum KeyCustodyError: Error, Sendable, Equatable, CustomStringConvertible, RemediableError {
    /// The backup is sealed and no custody key was given.
    case sealedBackupNeedsKey(file: String)
    /// The backup holds no key Secret.
    case emptyBackup(file: String)
    /// The controller has no key to back up.
    case noKeysInCluster(namespace: String)
    /// A plain backup was asked for without saying so.
    case plainBackupNotAllowed

    public var description: String {
        switch self {
        case .sealedBackupNeedsKey(let file): return "\(file) is sealed for a custody certificate; its private key is needed to open it"
        case .emptyBackup(let file): return "\(file) holds no key Secret"
        case .noKeysInCluster(let namespace): return "no key Secret of the controller in \(namespace): the controller has made none yet, or runs in another namespace"
        case .plainBackupNotAllowed: return "a backup without a custody certificate holds the private keys in the clear"
        }
    }

    public var remedy: Remedy? {
        switch self {
        case .sealedBackupNeedsKey: return .giveCustodyKey
        case .plainBackupNotAllowed: return .giveCustodyCertificate
        case .noKeysInCluster: return .nameController(suggested: nil)
        case .emptyBackup: return nil
        }
    }
}
