#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
import SealKitCrypto
import SealKitModel

/// The private keys that may open sealed values: the controller keeps every key it ever
/// generated, seals with the newest and unseals with any.
public struct Keyring: Sendable {
    /// The keys, in the order they are tried.
    public private(set) var keys: [RSAPrivateKey]

    /// A keyring of `keys`, tried in this order.
    public init(keys: [RSAPrivateKey] = []) {
        self.keys = keys
    }

    /// Reads keys from a file's contents: PEM private keys (PKCS#1 or PKCS#8, several per file),
    /// a Secret with `data["tls.key"]`, or a `kind: List` of them in YAML or JSON, which is what
    /// `kubectl get secret -n kube-system -l sealedsecrets.bitnami.com/sealed-secrets-key -o yaml`
    /// prints. `source` names the file in errors.
    public init(contentsOf bytes: [UInt8], source: String) throws {
        // One parser for key files: the inventory's, which also reads certificates.
        var inventory = KeyInventory()
        do {
            try inventory.add(contentsOf: bytes, source: source)
        } catch let error as CryptoError {
            throw error
        } catch {
            throw CryptoError.invalidKeyFile(file: source, reason: "neither a PEM private key nor a key Secret: \(error)")
        }
        keys = inventory.entries.compactMap(\.privateKey)
        if let keyless = inventory.entries.first(where: { $0.privateKey == nil && $0.secretName != nil }) {
            throw CryptoError.invalidKeyFile(file: source, reason: "\(keyless.source): the Secret has no data[\"tls.key\"]")
        }
        guard !keys.isEmpty else {
            throw CryptoError.invalidKeyFile(file: source, reason: "no PRIVATE KEY block found (a certificate holds no private key)")
        }
    }

    /// Reads keys from a file (see ``init(contentsOf:source:)``).
    public init(contentsOf url: URL) throws {
        let data: [UInt8]
        do {
            data = try FileBytes.read(url.path)
        } catch {
            throw CryptoError.invalidKeyFile(file: url.path, reason: "cannot read the file")
        }
        try self.init(contentsOf: Array(data), source: url.path)
    }

    /// Reads and combines the keys of several files.
    public init(contentsOf urls: [URL]) throws {
        keys = []
        for url in urls { merge(try Keyring(contentsOf: url)) }
    }

    /// Adds `other`'s keys that this keyring does not hold yet.
    public mutating func merge(_ other: Keyring) {
        for key in other.keys where !keys.contains(where: { $0.publicKey == key.publicKey }) {
            keys.append(key)
        }
    }

    /// The key with this public-key fingerprint, if the keyring holds it.
    public func key(for fingerprint: KeyFingerprint) -> RSAPrivateKey? {
        keys.first { $0.publicKey.fingerprint == fingerprint }
    }

    /// The same keys with the one of this fingerprint first.
    public func prioritizing(_ fingerprint: KeyFingerprint?) -> Keyring {
        guard let fingerprint, let index = keys.firstIndex(where: { $0.publicKey.fingerprint == fingerprint }), index > 0 else { return self }
        var reordered = keys
        reordered.insert(reordered.remove(at: index), at: 0)
        return Keyring(keys: reordered)
    }

    /// Opens one sealed value (base64, as in `encryptedData`) for a scope's label.
    public func open(base64 value: String, label: [UInt8]) throws -> [UInt8] {
        guard let bytes = Secret.decodeBase64(value) else {
            throw CryptoError.noKeyCouldDecrypt(reason: "the value is not valid base64")
        }
        return try HybridCipher.open(Array(bytes), with: keys, label: label)
    }
}
