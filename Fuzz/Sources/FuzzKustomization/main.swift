// kustomization.yaml parsing and the resources edit.
import SealKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let kustomization = try? Kustomization(yaml: text) else { return 0 }
    _ = kustomization.resources
    _ = try? kustomization.yaml()
    if let edited = try? KustomizationEditor.addingResource("secrets.yaml", to: text) {
        // The edit must keep the file a kustomization that lists the new resource.
        guard let reread = try? Kustomization(yaml: edited), reread.resources.contains("secrets.yaml") else {
            fatalError("the edited kustomization lost its new resource")
        }
    }
    return 0
}
