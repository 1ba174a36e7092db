import Foundation
import Testing
import TestSupport
@testable import SealKit

@Suite("Keys and certificates")
struct KeyAndCertificateTests {
    @Test("the public-key fingerprint equals upstream's, from the key and from the certificate")
    func fingerprintMatchesUpstream() throws {
        let expected = try Fixtures.text("key/fingerprint.txt").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try Fixtures.certificate.keyFingerprint.rawValue == expected)
        #expect(try Fixtures.key.publicKey.fingerprint.rawValue == expected)
        let oldExpected = try Fixtures.text("key-renewed/fingerprint.txt").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try Fixtures.renewedCertificate.keyFingerprint.rawValue == oldExpected)
        #expect(expected != oldExpected)
    }

    @Test("the vector certificate's facts read back")
    func certificateFacts() throws {
        let certificate = try Fixtures.certificate
        #expect(certificate.keyBitCount == 4096)
        #expect(certificate.subject == "")
        #expect(!certificate.isExpired())
        #expect(certificate.notValidAfter.timeIntervalSince(certificate.notValidBefore) > 9 * 365 * 86400)
    }

    @Test("the vector certificate's serial and SHA-256 fingerprint match the openssl command's", .enabled(if: Tools.openssl, "openssl is not installed"))
    func certificateFactsAgainstOpenSSL() throws {
        let certificate = try Fixtures.certificate
        let openssl = try #require(ExternalTool.find("openssl"))
        let result = try ExternalTool.run(openssl, ["x509", "-noout", "-serial", "-fingerprint", "-sha256", "-in", Fixtures.vectorURL("key/tls.crt").path])
        #expect(result.output.contains("serial=\(certificate.serialNumber.uppercased())"))
        #expect(result.output.contains("Fingerprint=\(certificate.sha256Fingerprint)"))
    }

    @Test("the first certificate of a bundle is the sealing one")
    func bundleFirstCertificate() throws {
        let bundle = "leading text\n" + (try Fixtures.text("key-renewed/tls.crt")) + (try Fixtures.text("key/tls.crt"))
        #expect(try Certificate(pemRepresentation: bundle) == Fixtures.renewedCertificate)
        #expect(try Certificate.all(fromPEM: bundle).count == 2)
        #expect(try Certificate(derRepresentation: Fixtures.certificate.derRepresentation) == Fixtures.certificate)
        #expect(try Certificate(pemRepresentation: Fixtures.certificate.pemRepresentation) == Fixtures.certificate)
    }

    @Test("PKCS#1 and PKCS#8 private keys load to the same key; PKCS#1 is written back", .enabled(if: Tools.openssl, "openssl is not installed"))
    func privateKeyFormats() throws {
        let openssl = try #require(ExternalTool.find("openssl"))
        let pkcs8 = try ExternalTool.run(openssl, ["pkcs8", "-topk8", "-nocrypt", "-in", Fixtures.vectorURL("key/tls.key").path]).output
        #expect(pkcs8.contains("BEGIN PRIVATE KEY"))
        let key = try RSAPrivateKey(pemRepresentation: pkcs8)
        #expect(try key.publicKey == Fixtures.key.publicKey)
        let written = try key.pkcs1PEMRepresentation()
        #expect(written.hasPrefix("-----BEGIN RSA PRIVATE KEY-----"))
        #expect(written == (try Fixtures.text("key/tls.key")))
        #expect(!key.description.contains("MII"))
    }

    @Test("an encrypted private key is a clear error, never a prompt", .enabled(if: Tools.openssl, "openssl is not installed"))
    func encryptedKeyIsRefused() throws {
        let openssl = try #require(ExternalTool.find("openssl"))
        for arguments in [["pkcs8", "-topk8", "-v2", "aes-256-cbc", "-passout", "pass:secret"],
                          ["rsa", "-aes256", "-traditional", "-passout", "pass:secret"]] {
            let encrypted = try ExternalTool.run(openssl, arguments + ["-in", Fixtures.vectorURL("key/tls.key").path]).output
            #expect(encrypted.contains("ENCRYPTED"))
            #expect(throws: CryptoError.encryptedPrivateKey) { try RSAPrivateKey(pemRepresentation: encrypted) }
        }
    }

    @Test("a non-RSA key or certificate is a clear error", .enabled(if: Tools.openssl, "openssl is not installed"))
    func nonRSAIsRefused() throws {
        let openssl = try #require(ExternalTool.find("openssl"))
        try withTemporaryDirectory { directory in
            let keyPath = directory.appendingPathComponent("ec.key").path
            try ExternalTool.run(openssl, ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", keyPath])
            let certificate = try ExternalTool.run(openssl, ["req", "-new", "-x509", "-key", keyPath, "-subj", "/CN=ec", "-days", "1"]).output
            #expect(throws: CryptoError.unsupportedKeyType("EC")) { try RSAPrivateKey(pemRepresentation: String(contentsOfFile: keyPath, encoding: .utf8)) }
            #expect(throws: CryptoError.unsupportedKeyType("EC")) { try Certificate(pemRepresentation: certificate) }
        }
    }

    @Test("garbage is not a key or a certificate")
    func garbageIsRefused() {
        #expect(throws: CryptoError.self) { try RSAPrivateKey(pemRepresentation: "hello") }
        #expect(throws: CryptoError.self) { try Certificate(pemRepresentation: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n") }
        #expect(throws: CryptoError.self) { try Certificate(derRepresentation: [0x30, 0x01]) }
    }

    @Test("a generated key pair is controller-compatible")
    func generatedKeyPair() throws {
        let key = try RSAPrivateKey.generate(bitCount: 2048)
        let certificate = try Certificate.selfSigned(for: key, commonName: "sealkit-test", validity: 3600)
        #expect(certificate.publicKey == key.publicKey)
        #expect(certificate.subject == "CN=sealkit-test")
        #expect(certificate.serialNumber.count <= 32)
        #expect(abs(certificate.notValidAfter.timeIntervalSince(certificate.notValidBefore) - 3600) < 2)

        let label = SealingScope.strict.label(namespace: "n", name: "s")
        let sealed = try HybridCipher.seal(Array("v".utf8), for: certificate.publicKey, label: label)
        #expect(try HybridCipher.open(sealed, with: [key], label: label) == Array("v".utf8))

    }

    /// A 2048-bit pair made once for the cross-checks below.
    static let generated = Result { () throws -> (RSAPrivateKey, Certificate) in
        let key = try RSAPrivateKey.generate(bitCount: 2048)
        return (key, try Certificate.selfSigned(for: key, commonName: "sealkit-test", validity: 3600))
    }

    @Test("a generated certificate has the controller's extensions, as openssl reads them", .enabled(if: Tools.openssl, "openssl is not installed"))
    func generatedCertificateAgainstOpenSSL() throws {
        let (_, certificate) = try Self.generated.get()
        let openssl = try #require(ExternalTool.find("openssl"))
        try withTemporaryDirectory { directory in
            let certPath = directory.appendingPathComponent("tls.crt")
            try certificate.pemRepresentation.write(to: certPath, atomically: true, encoding: .utf8)
            let text = try ExternalTool.run(openssl, ["x509", "-in", certPath.path, "-noout", "-text"]).output
            #expect(text.contains("X509v3 Key Usage: critical"))
            #expect(text.contains("Encipher Only"))
            #expect(text.contains("X509v3 Basic Constraints: critical"))
            #expect(text.contains("CA:TRUE"))
            #expect(text.contains("X509v3 Subject Key Identifier"))
            #expect(text.contains("Signature Algorithm: sha256WithRSAEncryption"))
            #expect(text.contains("Subject: CN = sealkit-test"))
        }
    }

    @Test("a generated key's fingerprint equals ssh-keygen's", .enabled(if: Tools.sshKeygen, "ssh-keygen is not installed"))
    func generatedKeyAgainstSSHKeygen() throws {
        let (key, _) = try Self.generated.get()
        let sshKeygen = try #require(ExternalTool.find("ssh-keygen"))
        try withTemporaryDirectory { directory in
            let publicPath = directory.appendingPathComponent("pub.pem")
            try key.publicKey.pemRepresentation.write(to: publicPath, atomically: true, encoding: .utf8)
            let ssh = try ExternalTool.run(sshKeygen, ["-i", "-m", "PKCS8", "-f", publicPath.path]).output
            let sshPath = directory.appendingPathComponent("key.pub")
            try ssh.write(to: sshPath, atomically: true, encoding: .utf8)
            let fingerprint = try ExternalTool.run(sshKeygen, ["-l", "-E", "sha256", "-f", sshPath.path]).output
            #expect(fingerprint.contains(key.publicKey.fingerprint.rawValue), "\(fingerprint)")
        }
    }

    @Test("a controller-default key is RSA-4096 valid for ten years")
    func controllerDefaults() throws {
        let key = try RSAPrivateKey.generate()
        let certificate = try Certificate.selfSigned(for: key)
        #expect(key.bitCount == 4096)
        #expect(certificate.subject == "")
        let years = certificate.notValidAfter.timeIntervalSince(certificate.notValidBefore) / (365 * 86400)
        #expect(abs(years - 10) < 0.01)
        #expect(try RSAPrivateKey(pemRepresentation: key.pkcs1PEMRepresentation()).publicKey == key.publicKey)
    }

    @Test("an expired certificate reports it")
    func expiredCertificate() throws {
        let key = try RSAPrivateKey.generate(bitCount: 2048)
        let certificate = try Certificate.selfSigned(for: key, validity: 60, now: Date(timeIntervalSinceNow: -3600))
        #expect(certificate.isExpired())
        #expect(!certificate.isExpired(at: Date(timeIntervalSinceNow: -3590)))
    }

    @Test("scope labels follow upstream's rule")
    func scopeLabels() {
        #expect(SealingScope.strict.label(namespace: "prod", name: "db") == Array("prod/db".utf8))
        #expect(SealingScope.namespaceWide.label(namespace: "prod", name: "db") == Array("prod".utf8))
        #expect(SealingScope.clusterWide.label(namespace: "prod", name: "db") == [])
        #expect(SealingScope(annotations: [SealingScope.clusterWideAnnotation: "true", SealingScope.namespaceWideAnnotation: "true"]) == .clusterWide)
        #expect(SealingScope(annotations: [SealingScope.namespaceWideAnnotation: "true"]) == .namespaceWide)
        #expect(SealingScope(annotations: [SealingScope.namespaceWideAnnotation: "yes"]) == .strict)
    }
}

/// The HMAC behind git's value fingerprints, against RFC 4231's published vectors.
@Suite("HMAC-SHA-256 over libcrypto")
struct HMACTests {
    @Test("RFC 4231 test cases 2 and 6 (a key longer than the block)")
    func rfc4231() {
        let hex = { (bytes: [UInt8]) in bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined() }
        #expect(hex(OpenSSL.hmacSHA256(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8)))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(hex(OpenSSL.hmacSHA256(key: [UInt8](repeating: 0xaa, count: 131), message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)))
                == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }
}
