// The offline validators: CRD schema and sealed-value checks over any manifest stream, and the
// bulk validator's judgement against a certificate (`validate --cert`, check's wrong-certificate).
import SealKit

let validator = SealedSecretValidator()
let certificate = try! KeyPair.generate(bitCount: 2048).certificate

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let stream = try? ManifestStream(bytes: bytes) else { return 0 }
    for document in stream.documents {
        _ = validator.validate(document.node, options: document.format == .json ? .json : .yaml)
    }
    BulkValidator(certificate: certificate).validate([.bytes(bytes, name: "input")]) { (_: BulkValidator.Line) throws(Never) in }
    return 0
}
