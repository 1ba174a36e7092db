// The sealed-value wire format: the layout parser and opening with a test key.
import SealKit

let key = try! RSAPrivateKey.generate(bitCount: 2048)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let value = try? SealedValue(bytes: bytes) {
        precondition(2 + value.keyBlock.count + value.payload.count == bytes.count, "the layout must cover the input exactly")
    }
    _ = try? HybridCipher.open(bytes, with: [key], label: [])
    return 0
}
