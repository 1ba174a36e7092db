import Foundation
import TestSupport
@testable import SealKit

/// The vendored vectors (`Tests/Fixtures/vectors`) as SealKit values. Loading is lazy and cached;
/// a missing or unreadable fixture throws from the accessor, so the test that needs it fails with
/// the path in its message while every other test runs.
enum Fixtures {
    static func url(_ path: String) throws -> URL { try TestFixtures.url(path) }
    static func vectorURL(_ path: String) throws -> URL { try TestFixtures.vectorURL(path) }
    static func text(_ path: String) throws -> String { try TestFixtures.vectorText(path) }
    static func bytes(_ path: String) throws -> [UInt8] { try TestFixtures.vectorBytes(path) }

    private static let loadedKey = Result { try RSAPrivateKey(pemRepresentation: text("key/tls.key")) }
    private static let loadedCertificate = Result { try Certificate(pemRepresentation: text("key/tls.crt")) }
    private static let loadedRenewedKey = Result { try RSAPrivateKey(pemRepresentation: text("key-renewed/tls.key")) }
    private static let loadedRenewedCertificate = Result { try Certificate(pemRepresentation: text("key-renewed/tls.crt")) }
    private static let loadedManifest = Result { () throws -> ManifestJSON in
        let data = try Data(contentsOf: vectorURL("manifest.json"))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw MissingFixture(path: try vectorURL("manifest.json").path + " (not a JSON object)")
        }
        return ManifestJSON(object: object)
    }

    /// The controller key of the vectors (RSA-4096).
    static var key: RSAPrivateKey { get throws { try loadedKey.get() } }
    static var certificate: Certificate { get throws { try loadedCertificate.get() } }
    /// The second controller key, whose certificate is the newer one (upstream's `key-renewed`).
    static var renewedKey: RSAPrivateKey { get throws { try loadedRenewedKey.get() } }
    static var renewedCertificate: Certificate { get throws { try loadedRenewedCertificate.get() } }

    /// The entries of one list in `manifest.json`.
    static func manifestEntries(_ name: String) throws -> [[String: Any]] {
        try loadedManifest.get().object[name] as? [[String: Any]] ?? []
    }

    /// `manifest.json`, decoded loosely; read-only after the first use.
    private struct ManifestJSON: @unchecked Sendable { let object: [String: Any] }
}

extension Data {
    init(hex: String) {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        self.init(bytes)
    }
}

extension Array where Element == UInt8 {
    init(base64: String) { self = Array(Data(base64Encoded: base64)!) }
}
