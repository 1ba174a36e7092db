// The offline validators: CRD schema and sealed-value checks over any manifest stream.
import SealKit

let validator = SealedSecretValidator()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let stream = try? ManifestStream(bytes: bytes) else { return 0 }
    for document in stream.documents {
        _ = validator.validate(document.node, options: document.format == .json ? .json : .yaml)
    }
    return 0
}
