#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitCrypto
import SealKitSerialization
import SealKitModel
import SealKitSealing

/// A stable, readable rendering of a manifest file for git's `textconv` (`sealctl git
/// diff-text`): each SealedSecret as its kind, name, namespace, scope, type and template
/// metadata, and one short line per `encryptedData` key with a fingerprint of its ciphertext,
/// so that `git diff` and `git log -p` say which keys were added, removed or re-sealed and never
/// print a 700-character ciphertext line. Other documents are shown as they are.
///
/// With a keyring, each key also gets a fingerprint of its *value*: an HMAC-SHA-256 keyed by the
/// private keys, so equal values under one keyring give equal fingerprints (a re-seal with the
/// same value changes only the `sealed` fingerprint) while nobody without the keys can test
/// guesses against it. No value is ever printed.
public struct SealedSecretTextView: Sendable {
    /// Opens values for their fingerprints, when given.
    public var keyring: Keyring?

    /// A view; with `keyring`, values get fingerprints too.
    public init(keyring: Keyring? = nil) {
        self.keyring = keyring
    }

    /// The rendering of `bytes`. Input that does not parse is returned as it is, so that git
    /// still shows a diff.
    public func render(_ bytes: [UInt8]) -> String {
        guard let text = try? ManifestText(bytes: bytes) else { return String(decoding: bytes, as: UTF8.self) }
        let valueKey = keyring.map(Self.valueFingerprintKey)
        var output = ""
        for (index, document) in text.documents.enumerated() {
            if index > 0 { output += "---\n" }
            guard document["kind"]?.scalar?.value == "SealedSecret",
                  let sealed = try? SealedSecret(node: document, options: text.format.decodingOptions) else {
                var body = text.body(at: index)
                if !body.hasSuffix("\n") { body += "\n" }
                output += body
                continue
            }
            output += render(sealed, valueKey: valueKey)
        }
        return output
    }

    private func render(_ sealed: SealedSecret, valueKey: [UInt8]?) -> String {
        let template = sealed.spec.template
        var lines = ["SealedSecret \(sealed.metadata.name ?? "(no name)")",
                     "  namespace: \(sealed.metadata.namespace ?? "(none)")",
                     "  scope: \(sealed.scope)"]
        if let type = template.type { lines.append("  type: \(type)") }
        if let immutable = template.immutable { lines.append("  immutable: \(immutable)") }
        func map(_ title: String, _ entries: [String: String]) {
            guard !entries.isEmpty else { return }
            lines.append("  \(title):")
            for (key, value) in entries.sorted(by: { $0.key < $1.key }) { lines.append("    \(key): \(Self.quoted(value))") }
        }
        map("labels", sealed.metadata.labels)
        map("annotations", sealed.metadata.annotations)
        map("template labels", template.metadata.labels)
        map("template annotations", template.metadata.annotations)
        map("template data", template.data)
        lines.append("  encryptedData:\(sealed.spec.encryptedData.isEmpty ? " {}" : "")")
        let label = sealed.scope.label(namespace: sealed.metadata.namespace ?? "", name: sealed.metadata.name ?? "")
        let keyring = self.keyring?.prioritizing(sealed.recordedKeyFingerprint)
        for (key, ciphertext) in sealed.spec.encryptedData.sorted(by: { $0.key < $1.key }) {
            var line = "    \(key): sealed \(Self.ciphertextFingerprint(ciphertext))"
            if let keyring, let valueKey {
                if var value = try? keyring.open(base64: ciphertext, label: label) {
                    line += ", value \(Self.valueFingerprint(value, key: key, valueKey: valueKey))"
                    SecureMemory.wipe(&value)
                } else {
                    line += ", value: does not open with the keyring"
                }
            }
            lines.append(line)
        }
        if let legacy = sealed.spec.legacyData { lines.append("  data (legacy): sealed \(Self.ciphertextFingerprint(legacy))") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The first 12 hex digits of SHA-256 over the ciphertext as stored (its base64 text).
    public static func ciphertextFingerprint(_ ciphertext: String) -> String {
        OpenSSL.sha256(Array(ciphertext.utf8)).prefix(6).map { $0.hexDigits(width: 2, uppercase: false) }.joined()
    }

    /// The HMAC key for value fingerprints: SHA-256 over every private key of the keyring (in
    /// fingerprint order), so that it changes with the keyring and is unknown without it.
    static func valueFingerprintKey(_ keyring: Keyring) -> [UInt8] {
        var material = Array("sealkit value fingerprint v1\n".utf8)
        for key in keyring.keys.sorted(by: { $0.publicKey.fingerprint < $1.publicKey.fingerprint }) {
            material += Array(((try? key.pkcs1PEMRepresentation()) ?? key.publicKey.fingerprint.rawValue).utf8)
        }
        defer { SecureMemory.wipe(&material) }
        return OpenSSL.sha256(material)
    }

    /// 12 hex digits of HMAC-SHA-256(`valueKey`, key name, 0, value): the key name is mixed in so
    /// that two keys holding one value do not show it.
    static func valueFingerprint(_ value: [UInt8], key: String, valueKey: [UInt8]) -> String {
        var message = Array(key.utf8) + [0] + value
        defer { SecureMemory.wipe(&message) }
        return OpenSSL.hmacSHA256(key: valueKey, message: message).prefix(6).map { $0.hexDigits(width: 2, uppercase: false) }.joined()
    }

    /// A value on one line, quoted when it needs to be, and cut at 120 characters.
    private static func quoted(_ value: String) -> String {
        var output: [UInt8] = []
        JSONWriter.appendQuoted(value, to: &output)
        let text = String(decoding: output, as: UTF8.self)
        return text.count > 120 ? String(text.prefix(117)) + "…\"" : text
    }
}
