#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
import SealKitCrypto

/// A folder of key pairs on this machine, so that sealing and unsealing work offline for
/// development and demos. It follows the controller's renewal rule: the newest pair seals,
/// every pair unseals.
///
/// Layout: one sub-folder per pair, named by creation time and serial, each holding
/// `tls.key` (0600), `tls.crt` and `sealed-secrets-key.yaml`. The folder itself is 0700.
public struct LocalKeyring: Sendable {
    /// The environment variable that overrides the default folder.
    public static let environmentVariable = "SEALCTL_KEYRING"

    /// The keyring's folder.
    public let directory: URL

    /// The keyring in `directory` (nothing is created until it is used).
    public init(directory: URL) {
        self.directory = directory
    }

    /// `$SEALCTL_KEYRING`, else `$XDG_CONFIG_HOME/sealctl/keyring`, else `~/.config/sealctl/keyring`.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let override = environment[environmentVariable], !override.isEmpty { return URL(fileURLWithPath: override) }
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (POSIX.homeDirectory(environment: environment) + "/.config")
        return URL(fileURLWithPath: config).appendingPathComponent("sealctl/keyring")
    }

    /// The keyring named by `folder` (`--keyring`) or `SEALCTL_KEYRING`, if any.
    public static func named(folder: String?, environment: [String: String]) -> LocalKeyring? {
        (folder ?? environment[environmentVariable].flatMap { $0.isEmpty ? nil : $0 }).map { LocalKeyring(directory: URL(fileURLWithPath: $0)) }
    }

    /// The named keyring, else the default one.
    public static func chosen(folder: String?, environment: [String: String]) -> LocalKeyring {
        named(folder: folder, environment: environment) ?? LocalKeyring(directory: defaultDirectory(environment: environment))
    }

    /// The pairs, oldest first.
    public func pairs() throws -> [KeyPair] {
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).map { directory.appendingPathComponent($0) }
        let pairs = try entries
            .filter { FileManager.default.fileExists(atPath: $0.appendingPathComponent("tls.key").path) }
            .map { try KeyPair(directory: $0) }
        return pairs.sorted { ($0.certificate.notValidBefore, $0.certificate.serialNumber) < ($1.certificate.notValidBefore, $1.certificate.serialNumber) }
    }

    /// Makes the first pair if the keyring has none. Returns it when it was made now.
    @discardableResult
    public func ensure(bitCount: Int = 4096) throws -> KeyPair? {
        guard try pairs().isEmpty else { return nil }
        return try rotate(bitCount: bitCount)
    }

    /// Adds a new pair, which becomes the sealing one.
    @discardableResult
    public func rotate(bitCount: Int = 4096) throws -> KeyPair {
        let pair = try KeyPair.generate(bitCount: bitCount)
        // 20261201T075157Z: the basic ISO 8601 form sorts by time and is safe in a file name.
        let stamp = pair.certificate.notValidBefore.iso8601Text.filter { $0 != "-" && $0 != ":" }
        let name = "\(stamp)-\(pair.certificate.serialNumber.prefix(8))"
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try pair.write(to: directory.appendingPathComponent(name))
        return pair
    }

    /// The newest pair's certificate: the one that seals.
    public func sealingCertificate() throws -> Certificate {
        guard let newest = try pairs().last else { throw CryptoError.localKeyringEmpty(path: directory.path) }
        return newest.certificate
    }

    /// Every pair's private key, newest first.
    public func keyring() throws -> Keyring {
        Keyring(keys: try pairs().reversed().map(\.privateKey))
    }

    /// The keys of `files` when there are any, else this keyring's; no keys at all is an error.
    public func keyring(orFiles files: [String]) throws -> Keyring {
        if !files.isEmpty { return try Keyring(contentsOf: files.map { URL(fileURLWithPath: $0) }) }
        let keyring = try keyring()
        guard !keyring.keys.isEmpty else { throw CryptoError.localKeyringEmpty(path: directory.path) }
        return keyring
    }
}

