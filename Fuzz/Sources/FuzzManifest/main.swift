// Manifest streams (YAML and JSON, Lists) decoded into every model.
import SealKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let stream = try? ManifestStream(bytes: bytes) else { return 0 }
    for document in stream.documents {
        if let secret = try? Secret(document: document) { _ = try? secret.formatted(as: .yaml); _ = try? secret.formatted(as: .json) }
        if let sealed = try? SealedSecret(document: document) { _ = try? sealed.formatted(as: .yaml); _ = SealedSecretValidator().validate(document.node) }
        _ = try? ManifestList(document: document)
        _ = try? KubesealFormat.yamlDocument(document.node)
        _ = JSONWriter.write(document.node)
    }
    return 0
}
