// Key files: PEM (PKCS#1, PKCS#8, certificates), key Secrets and Lists of them, and key backups
// (plain Lists of key Secrets; a sealed one without its custody key must fail cleanly).
import SealKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? Keyring(contentsOf: bytes, source: "fuzz")
    var inventory = KeyInventory()
    _ = try? inventory.add(contentsOf: bytes, source: "fuzz")
    let text = String(decoding: bytes, as: UTF8.self)
    _ = try? Certificate.all(fromPEM: text)
    _ = try? Certificate(derRepresentation: bytes)
    if let backup = try? KeyBackup(contentsOf: bytes, source: "fuzz") {
        // What reads as a backup writes back as one that reads the same.
        guard let plain = try? backup.plainText(), let reread = try? KeyBackup(contentsOf: Array(plain.utf8), source: "plain"),
              reread.keys.map(\.certificate) == backup.keys.map(\.certificate) else {
            fatalError("a backup did not read back from its own plain text")
        }
    }
    return 0
}
