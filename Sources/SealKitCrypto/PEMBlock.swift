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
        var body: [UInt8] = []
        for line in Array(text.utf8).split(separator: UInt8(ascii: "\n")).dropFirst().dropLast() {
            guard !line.contains(UInt8(ascii: ":")) else { return nil }
            body += line
        }
        return Data(base64Encoded: Data(body)).map(Array.init)
    }

    /// Whether the block is encrypted (PKCS#8 `ENCRYPTED PRIVATE KEY` or a PEM `Proc-Type` header).
    var isEncrypted: Bool {
        label.hasPrefix("ENCRYPTED") || text.contains("Proc-Type: 4,ENCRYPTED")
    }

    /// Every block of `pem`, in order. Text outside blocks (comments, `openssl x509 -text`
    /// output) is ignored, as OpenSSL does. Works on UTF-8 bytes: a certificate is read on every
    /// seal, and Character-by-Character splitting cost more than the RSA operation.
    static func blocks(in pem: String) -> [PEMBlock] {
        let bytes = Array(pem.utf8)
        let begin = Array("-----BEGIN ".utf8), dashes = Array("-----".utf8)
        var result: [PEMBlock] = []
        var label: ArraySlice<UInt8>?
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: "\n") && bytes[end] != UInt8(ascii: "\r") { end += 1 }
            var low = start, high = end
            while low < high && (bytes[low] == UInt8(ascii: " ") || bytes[low] == UInt8(ascii: "\t")) { low += 1 }
            while high > low && (bytes[high - 1] == UInt8(ascii: " ") || bytes[high - 1] == UInt8(ascii: "\t")) { high -= 1 }
            let line = bytes[low..<high]
            start = end + 1
            if let open = label {
                lines.append(line)
                if line.count == 14 + open.count, line.starts(with: Array("-----END ".utf8)), line.dropFirst(9).starts(with: open), line.suffix(5).elementsEqual(dashes) {
                    var text: [UInt8] = []
                    for part in lines { text += part; text.append(UInt8(ascii: "\n")) }
                    result.append(PEMBlock(label: String(decoding: open, as: UTF8.self), text: String(decoding: text, as: UTF8.self)))
                    label = nil
                    lines = []
                }
            } else if line.count > 16, line.starts(with: begin), line.suffix(5).elementsEqual(dashes) {
                label = line.dropFirst(11).dropLast(5)
                lines = [line]
            }
        }
        return result
    }
}
