#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One `-----BEGIN X-----` … `-----END X-----` block of a PEM text.
struct PEMBlock: Sendable, Equatable {
    /// The label after BEGIN, e.g. `CERTIFICATE` or `RSA PRIVATE KEY`.
    let label: String
    /// The whole block, BEGIN and END lines included, ready for OpenSSL.
    let text: String
    /// The bytes the block encodes (its base64 lines decoded), or nil when they are not base64
    /// or the block has headers (`Proc-Type:`), which only encrypted keys carry.
    var der: [UInt8]? {
        let lines = text.split(whereSeparator: \.isNewline).dropFirst().dropLast()
        guard !lines.contains(where: { $0.contains(":") }) else { return nil }
        return Data(base64Encoded: lines.joined()).map(Array.init)
    }

    /// Whether the block is encrypted (PKCS#8 `ENCRYPTED PRIVATE KEY` or a PEM `Proc-Type` header).
    var isEncrypted: Bool {
        label.hasPrefix("ENCRYPTED") || text.contains("Proc-Type: 4,ENCRYPTED")
    }

    /// Every block of `pem`, in order. Text outside blocks (comments, `openssl x509 -text`
    /// output) is ignored, as OpenSSL does.
    static func blocks(in pem: String) -> [PEMBlock] {
        var result: [PEMBlock] = []
        var current: (label: String, lines: [Substring])?
        for rawLine in pem.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = rawLine.trimmingSpaces()
            if var open = current {
                current = nil  // one owner of the lines, so appending does not copy them
                open.lines.append(Substring(line))
                if line == "-----END \(open.label)-----" {
                    result.append(PEMBlock(label: open.label, text: open.lines.joined(separator: "\n") + "\n"))
                    current = nil
                } else {
                    current = open
                }
            } else if line.hasPrefix("-----BEGIN "), line.hasSuffix("-----"), line.count > 16 {
                let label = String(line.dropFirst(11).dropLast(5))
                current = (label, [Substring(line)])
            }
        }
        return result
    }
}
