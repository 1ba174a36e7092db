// SealedSecret decoding and unsealing with a test key (a fixed 2048-bit key made at start-up).
import SealKit

let keyring = Keyring(keys: [try! RSAPrivateKey.generate(bitCount: 2048)])

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let stream = try? ManifestStream(bytes: bytes) else { return 0 }
    for document in stream.documents {
        guard let sealed = try? SealedSecret(document: document) else { continue }
        _ = try? Unsealer(keyring: keyring, acceptsLegacyData: true).unseal(sealed)
    }
    return 0
}
