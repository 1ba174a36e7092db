// --from-env-file parsing (kubectl's env-file rules) and the key checks behind it.
import SealKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    var builder = SecretBuilder(name: "fuzz")
    guard (try? builder.addEnvFile(contents: Array(UnsafeBufferPointer(start: data, count: size)), source: "fuzz.env")) != nil else { return 0 }
    // Whatever was accepted must be a Secret that can be written out.
    _ = builder.build()
    return 0
}
