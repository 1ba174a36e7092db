import Foundation
import TestSupport
@testable import SealKit

/// The shared vectors as SealKit values.
enum Fixtures {
    static let shared = SharedFixtures.shared
    static func vectorURL(_ path: String) -> URL { SharedFixtures.vectorURL(path) }
    static func text(_ path: String) throws -> String { try SharedFixtures.vectorText(path) }
    static func bytes(_ path: String) throws -> [UInt8] { try SharedFixtures.vectorBytes(path) }

    /// The controller key of the vectors (RSA-4096).
    static let key: RSAPrivateKey = try! RSAPrivateKey(pemRepresentation: text("key/tls.key"))
    static let certificate: Certificate = try! Certificate(pemRepresentation: text("key/tls.crt"))
    static let oldKey: RSAPrivateKey = try! RSAPrivateKey(pemRepresentation: text("key-old/tls.key"))
    static let oldCertificate: Certificate = try! Certificate(pemRepresentation: text("key-old/tls.crt"))

    /// `manifest.json`, decoded loosely (read-only after first use).
    nonisolated(unsafe) static let manifest: [String: Any] = {
        let data = try! Data(contentsOf: vectorURL("manifest.json"))
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }()

    static func manifestEntries(_ name: String) -> [[String: Any]] {
        manifest[name] as? [[String: Any]] ?? []
    }
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
