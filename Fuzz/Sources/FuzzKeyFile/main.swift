// Key files: PEM (PKCS#1, PKCS#8, certificates), key Secrets and Lists of them.
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
    return 0
}
