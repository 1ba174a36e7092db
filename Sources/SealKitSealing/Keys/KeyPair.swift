#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
import SealKitCrypto
import SealKitModel
import SealKitCluster

/// A controller-compatible key pair: an RSA private key and its self-signed certificate, as the
/// sealed-secrets controller generates and stores them.
public struct KeyPair: Sendable {
    /// The label that makes the controller use a Secret as one of its keys.
    public static let controllerKeyLabel = "sealedsecrets.bitnami.com/sealed-secrets-key"

    /// The private key: secret material.
    public let privateKey: RSAPrivateKey
    /// The self-signed certificate: what seals.
    public let certificate: Certificate

    /// Pairs a key with its certificate; they must match.
    public init(privateKey: RSAPrivateKey, certificate: Certificate) throws {
        guard privateKey.publicKey == certificate.publicKey else {
            throw CryptoError.keyPairMismatch
        }
        self.privateKey = privateKey
        self.certificate = certificate
    }

    /// Generates a pair as the controller does: RSA (4096 bits by default) and a self-signed
    /// certificate valid for ten years by default.
    public static func generate(bitCount: Int = 4096, commonName: String = "",
                                validity: TimeInterval = Certificate.controllerDefaultValidity, now: Date = Date()) throws -> KeyPair {
        let key = try RSAPrivateKey.generate(bitCount: bitCount)
        return try KeyPair(privateKey: key, certificate: .selfSigned(for: key, commonName: commonName, validity: validity, now: now))
    }

    /// Reads `tls.key` and `tls.crt` from a folder.
    public init(directory: URL) throws {
        let keyURL = directory.appendingPathComponent("tls.key"), certificateURL = directory.appendingPathComponent("tls.crt")
        guard let keyText = try? FileBytes.text(keyURL.path), let certificateText = try? FileBytes.text(certificateURL.path) else {
            throw CryptoError.keyPairUnreadable(path: directory.path)
        }
        try self.init(privateKey: RSAPrivateKey(pemRepresentation: keyText), certificate: Certificate(pemRepresentation: certificateText))
    }

    /// The name of the controller Secret for this pair: `sealed-secrets-key` and the start of
    /// the certificate's serial, so that several pairs can live side by side.
    public var controllerSecretName: String {
        "sealed-secrets-key-" + certificate.serialNumber.prefix(10)
    }

    /// The `kubernetes.io/tls` Secret that hands this pair to the controller (its
    /// bring-your-own-certificate flow): in `kube-system`, labelled as an active key.
    ///
    /// It holds the private key: keep the file private (mode 0600) and out of git.
    public func controllerSecret(namespace: String = SealedSecretsController.defaultNamespace) throws -> Secret {
        var secret = Secret(name: controllerSecretName, namespace: namespace, data: [
            "tls.crt": Data(certificate.pemRepresentation.utf8),
            "tls.key": Data(try privateKey.pkcs1PEMRepresentation().utf8),
        ], type: "kubernetes.io/tls")
        secret.metadata.labels[Self.controllerKeyLabel] = "active"
        return secret
    }

    /// Sizes the controller and SealKit make keys of: a multiple of 256 bits from 2048 to 16384.
    public static func isSupportedBitCount(_ bits: Int) -> Bool { bits >= 2048 && bits <= 16384 && bits % 256 == 0 }

    /// What ``write(to:)`` wrote into `directory`, the key's fingerprint and expiry, and the next step.
    public func summary(writtenTo directory: URL) -> String {
        let secret = directory.appendingPathComponent("sealed-secrets-key.yaml").path
        return """
        wrote \(directory.appendingPathComponent("tls.key").path) (private, 0600)
        wrote \(directory.appendingPathComponent("tls.crt").path)
        wrote \(secret) (private, 0600)
        key fingerprint: \(certificate.keyFingerprint)
        valid until:     \(certificate.notValidAfter.iso8601Text)
        next: kubectl apply -f \(secret), then restart the controller

        """
    }

    /// Writes `tls.key` (PKCS#1, mode 0600), `tls.crt`, and `sealed-secrets-key.yaml` (the
    /// controller Secret, mode 0600) into `directory`, creating it (mode 0700) if needed.
    /// Never overwrites an existing private key.
    public func write(to directory: URL) throws {
        let manager = FileManager.default
        try manager.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let keyURL = directory.appendingPathComponent("tls.key")
        let secretURL = directory.appendingPathComponent("sealed-secrets-key.yaml")
        for url in [keyURL, secretURL] where manager.fileExists(atPath: url.path) {
            throw CryptoError.wouldOverwriteKey(path: url.path)
        }
        try AtomicFile.write(try privateKey.pkcs1PEMRepresentation(), to: keyURL, permissions: 0o600)
        try AtomicFile.write(certificate.pemRepresentation, to: directory.appendingPathComponent("tls.crt"), permissions: 0o644)
        try AtomicFile.write(try controllerSecret().formatted(as: .yaml), to: secretURL, permissions: 0o600)
    }
}

