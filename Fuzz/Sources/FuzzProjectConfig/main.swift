// sealctl.yaml, the per-environment configuration: parsing and every environment's settings.
import Foundation
import SealKit

let directory = URL(fileURLWithPath: "/nonexistent-sealctl-fuzz")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let config = try? ProjectConfig(yaml: bytes, directory: directory) else { return 0 }
    _ = String(describing: config)
    return 0
}
