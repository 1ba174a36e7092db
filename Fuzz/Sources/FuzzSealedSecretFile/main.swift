// The line-by-line SealedSecret writer: any file that parses, its first SealedSecret given a new
// key and one key fewer. The result must read back as exactly the SealedSecret meant, and every
// other document must stay as it was.
import SealKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard var file = try? SealedSecretFile(bytes: bytes, path: "fuzz.yaml"), let index = file.sealedSecretIndexes.first,
          var sealed = try? file.sealedSecret(at: index) else { return 0 }
    let before = file.text.documents.indices.map { file.text.body(at: $0) }
    sealed.spec.encryptedData["fuzz-added"] = "AgAAfuzz"
    if let removed = sealed.spec.encryptedData.keys.sorted().first(where: { $0 != "fuzz-added" }) { sealed.spec.encryptedData[removed] = nil }
    guard (try? file.replace(index, with: sealed)) != nil else { return 0 }
    guard let reread = try? SealedSecretFile(bytes: Array(file.text.text.utf8), path: "fuzz.yaml") else {
        fatalError("the rewritten file does not parse")
    }
    // Compared as kubeseal formats them: a rewrite may quote an odd key differently.
    guard reread.text.documents.count == before.count,
          (try? reread.sealedSecret(at: index).formatted(as: .yaml)) == (try? sealed.formatted(as: .yaml)) else {
        fatalError("the rewritten SealedSecret is not the one meant")
    }
    for other in before.indices where other != index && reread.text.body(at: other) != before[other] {
        fatalError("document \(other + 1) changed")
    }
    return 0
}
