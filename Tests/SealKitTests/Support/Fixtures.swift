import Foundation
import Testing
@testable import SealKit

/// Paths to the shared ground truth (`../shared` beside the project root).
enum Fixtures {
    static let projectRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let shared: URL = {
        if let override = ProcessInfo.processInfo.environment["SEALKIT_SHARED"] {
            return URL(fileURLWithPath: override)
        }
        return projectRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }()

    static let vectors = shared.appendingPathComponent("vectors")

    static func vectorURL(_ path: String) -> URL { vectors.appendingPathComponent(path) }

    static func text(_ path: String) throws -> String {
        try String(contentsOf: vectorURL(path), encoding: .utf8)
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: vectorURL(path)))
    }

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

/// A fresh temporary directory, removed when the value is dropped by `withTemporaryDirectory`.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("sealkit-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
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
