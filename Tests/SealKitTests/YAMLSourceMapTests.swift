import Testing
@testable import SealKit

/// Byte spans of YAML nodes, from libyaml's marks, which count characters.
@Suite("YAML source map")
struct YAMLSourceMapTests {
    @Test("offsets are bytes, also after multi-byte characters")
    func byteOffsets() throws {
        let bytes = Array("é: [ab]\nnext: \"ü\"\n".utf8)
        let root = try #require(try YAMLSourceMap(bytes: bytes).documents.first)
        let list = try #require(root.value(forKey: "é"))
        #expect(list.range == 4..<8)  // é is two bytes
        #expect(list.closer == 7)
        guard case .sequence(let items) = list.content else { Issue.record("not a sequence"); return }
        #expect(items.first?.range == 5..<7)
        let next = try #require(root.value(forKey: "next"))
        #expect(Array(bytes[next.range]) == Array("\"ü\"".utf8))
    }

    /// FuzzSourceMap: `? key` in a flow sequence makes a one-pair mapping with no brackets; its
    /// end was taken for a closing bracket just past its own span.
    @Test("a bracketless one-pair mapping in a flow sequence has no closer")
    func implicitFlowMapping() throws {
        let bytes = Array("[a, ? b: c, d]".utf8)
        let root = try #require(try YAMLSourceMap(bytes: bytes).documents.first)
        #expect(root.closer == 13)
        guard case .sequence(let items) = root.content, items.count == 3 else { Issue.record("expected three items"); return }
        #expect(items[1].isFlow && items[1].closer == nil)
        #expect(items[1].range.upperBound <= 13)
    }

    @Test("a BOM is counted in the offsets")
    func byteOrderMark() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a: b\n".utf8)
        let root = try #require(try YAMLSourceMap(bytes: bytes).documents.first)
        #expect(root.value(forKey: "a")?.range == 6..<7)
    }
}
