// The byte-position map over libyaml events that file edits splice into. Every span must lie
// inside the input and agree with the value parser on what the document holds.
@testable import SealKitSerialization

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let map = try? YAMLSourceMap(bytes: bytes) else { return 0 }
    func check(_ span: YAMLSourceMap.Span) {
        guard span.range.lowerBound >= 0, span.range.upperBound <= bytes.count else {
            fatalError("span \(span.range) outside the \(bytes.count)-byte input")
        }
        if let closer = span.closer, !(span.range.contains(closer)) { fatalError("closer \(closer) outside \(span.range)") }
        switch span.content {
        case .sequence(let items): items.forEach(check)
        case .mapping(let entries): entries.forEach { check($0.key); check($0.value) }
        case .scalar, .alias: break
        }
    }
    map.documents.forEach(check)
    if let documents = try? YAMLParser().parse(bytes), documents.count != map.documents.count {
        fatalError("the parser found \(documents.count) documents, the source map \(map.documents.count)")
    }
    return 0
}
