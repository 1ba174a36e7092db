import Foundation
import Testing
import TestSupport
@testable import SealKit
@testable import SealKitCrypto

@Suite("Hybrid cipher against upstream's vectors")
struct HybridCipherTests {
    static let scopes: [(SealingScope, String, String)] = [
        (.strict, "prod", "db-creds"), (.namespaceWide, "prod", "db-creds"), (.clusterWide, "", ""),
    ]

    @Test("every random-key vector opens with key/tls.key and its label")
    func randomVectorsOpen() throws {
        let vectors = try Fixtures.manifestEntries("vectors")
        #expect(vectors.count == 15)
        for vector in vectors {
            let label = Array((vector["label"] as! String).utf8)
            let plaintext = try HybridCipher.open([UInt8](base64: vector["ciphertext_b64"] as! String), with: [Fixtures.key], label: label)
            #expect(plaintext == [UInt8](base64: vector["plaintext_b64"] as! String), "\(vector["id"]!)")
        }
    }

    @Test("deterministic vectors open, and SealKit reproduces them byte for byte")
    func deterministicVectors() throws {
        let vectors = try Fixtures.manifestEntries("deterministic_vectors")
        #expect(!vectors.isEmpty)
        for vector in vectors {
            let label = Array((vector["label"] as! String).utf8)
            let ciphertext = [UInt8](base64: vector["ciphertext_b64"] as! String)
            let plaintext = [UInt8](base64: vector["plaintext_b64"] as! String)
            #expect(try HybridCipher.open(ciphertext, with: [Fixtures.key], label: label) == plaintext)

            let random = ScriptedRandom([Array(Data(hex: vector["session_key_hex"] as! String)),
                                         Array(Data(hex: vector["oaep_seed_hex"] as! String))])
            let resealed = try HybridCipher.seal(plaintext, for: Fixtures.certificate.publicKey, label: label, random: random.source)
            #expect(resealed == ciphertext, "\(vector["id"]!)")
        }
    }

    @Test("one encryptor, reused from value to value as bulk sealing reuses it, reproduces every deterministic vector in turn")
    func reusedEncryptor() throws {
        let vectors = try Fixtures.manifestEntries("deterministic_vectors")
        #expect(Set(vectors.map { $0["label"] as! String }).count > 1, "the vectors should change label along the way")
        let encryptor = try HybridCipher.Encryptor(for: Fixtures.certificate.publicKey)
        for vector in vectors + vectors.reversed() {
            let random = ScriptedRandom([Array(Data(hex: vector["session_key_hex"] as! String)),
                                         Array(Data(hex: vector["oaep_seed_hex"] as! String))])
            let resealed = try encryptor.seal([UInt8](base64: vector["plaintext_b64"] as! String), label: Array((vector["label"] as! String).utf8), random: random.source)
            #expect(resealed == [UInt8](base64: vector["ciphertext_b64"] as! String), "\(vector["id"]!)")
        }
    }

    @Test("values sealed with key-renewed open with a keyring of both keys, not with key/tls.key alone")
    func otherKeyVectors() throws {
        for vector in try Fixtures.manifestEntries("other_key_vectors") {
            let label = Array((vector["label"] as! String).utf8)
            let ciphertext = [UInt8](base64: vector["ciphertext_b64"] as! String)
            let plaintext = try HybridCipher.open(ciphertext, with: [Fixtures.key, Fixtures.renewedKey], label: label)
            #expect(plaintext == [UInt8](base64: vector["plaintext_b64"] as! String))
            #expect(throws: CryptoError.self) { try HybridCipher.open(ciphertext, with: [Fixtures.key], label: label) }
        }
    }

    @Test("every negative vector fails with the no-key error")
    func negativeVectors() throws {
        let vectors = try Fixtures.manifestEntries("negative_vectors")
        #expect(vectors.count == 11)
        for vector in vectors {
            let label = Array((vector["label"] as! String).utf8)
            let ciphertext = [UInt8](base64: vector["ciphertext_b64"] as! String)
            do {
                _ = try HybridCipher.open(ciphertext, with: [Fixtures.key, Fixtures.renewedKey], label: label)
                Issue.record("\(vector["id"]!) opened")
            } catch let error as CryptoError {
                guard case .noKeyCouldDecrypt = error else { Issue.record("\(vector["id"]!): \(error)"); continue }
                #expect(error.description.contains(vector["expected_error"] as! String))
            }
        }
    }

    @Test("SealKit round-trips every scope and size 0 B, 1 B, 32 B, 64 KiB and 1 MiB", arguments: [0, 1, 32, 64 * 1024, 1024 * 1024])
    func roundTrip(size: Int) throws {
        let plaintext = try SecureRandom.bytes(count: size)
        for (scope, namespace, name) in Self.scopes {
            let label = scope.label(namespace: namespace, name: name)
            let sealed = try HybridCipher.seal(plaintext, for: Fixtures.certificate.publicKey, label: label)
            #expect(sealed.count == 2 + 512 + size + 16)
            #expect(try HybridCipher.open(sealed, with: [Fixtures.renewedKey, Fixtures.key], label: label) == plaintext)
            // The label binds the value: the same bytes under another scope's label do not open.
            #expect(throws: CryptoError.self) {
                try HybridCipher.open(sealed, with: [Fixtures.key], label: Array("other/\(name)".utf8))
            }
        }
    }

    @Test("the RSA block opens with `openssl pkeyutl` to the key that opens the AES-GCM part", .enabled(if: Tools.openssl, "openssl is not installed"))
    func independentCheckWithOpenSSL() throws {
        let openssl = try #require(ExternalTool.find("openssl"))
        let label = SealingScope.strict.label(namespace: "prod", name: "db-creds")
        let plaintext = Array("hunter2 and more".utf8)
        let sealed = try HybridCipher.seal(plaintext, for: Fixtures.certificate.publicKey, label: label)
        let value = try SealedValue(bytes: sealed)
        let labelHex = label.map { String(format: "%02x", $0) }.joined()
        let result = try ExternalTool.run(openssl, [
            "pkeyutl", "-decrypt", "-inkey", Fixtures.vectorURL("key/tls.key").path,
            "-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha256",
            "-pkeyopt", "rsa_mgf1_md:sha256", "-pkeyopt", "rsa_oaep_label:\(labelHex)",
        ], stdin: Data(value.keyBlock))
        #expect(result.status == 0, "\(result.errorOutput)")
        let sessionKey = Array(result.stdout)
        #expect(sessionKey.count == 32)
        #expect(try AESGCM.open(value.payload, key: sessionKey) == plaintext)
    }

    @Test("a value sealed for a smaller key says so")
    func keySizeMismatchIsExplained() throws {
        let small = try RSAPrivateKey.generate(bitCount: 2048)
        let sealed = try HybridCipher.seal([1, 2, 3], for: small.publicKey, label: [])
        do {
            _ = try HybridCipher.open(sealed, with: [Fixtures.key], label: [])
            Issue.record("opened with the wrong key")
        } catch {
            #expect("\(error)".contains("no key could decrypt secret"))
            #expect("\(error)".contains("sealed for a 2048-bit key, but the keys given are 4096-bit"))
        }
    }

    @Test("64 concurrent seal/open tasks on one shared key pass")
    func concurrentUse() async throws {
        let publicKey = try Fixtures.certificate.publicKey
        let key = try Fixtures.key
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<64 {
                group.addTask {
                    let plaintext = Array("value-\(index)".utf8)
                    let label = Array("ns/name-\(index)".utf8)
                    let sealed = try HybridCipher.seal(plaintext, for: publicKey, label: label)
                    return try HybridCipher.open(sealed, with: [key], label: label) == plaintext
                }
            }
            var passed = 0
            for try await ok in group where ok { passed += 1 }
            #expect(passed == 64)
        }
    }
}
