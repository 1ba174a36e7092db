import Foundation
import Testing
@testable import SealKit
import TestSupport

@Suite("JSON sizes counted without writing")
struct JSONSizeTests {
    @Test("the quoted length counted equals the quoted text written, for every escape and random text")
    func quotedCountMatchesWriter() {
        var generator = SystemRandomNumberGenerator()
        var samples = ["", "plain", "quote \" and \\ backslash", "<&>", "\n\r\t\u{8}\u{C}\u{0}\u{1F}", "line\u{2028}para\u{2029}", "\u{E2}x", "é 日本 🙂", "\u{2027}\u{202A}"]
        let alphabet = Array("ab\"\\<>&\n\r\t\u{1}\u{2028}\u{2029}é🙂 ")
        for _ in 0..<500 { samples.append(String((0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })) }
        for sample in samples {
            var written: [UInt8] = []
            JSONWriter.appendQuoted(sample, to: &written)
            #expect(JSONWriter.quotedByteCount(sample) == written.count, "\(sample.debugDescription)")
        }
    }

    @Test("the compact length of a document equals its compact text (the pretty text without its layout)")
    func compactCountMatchesText() throws {
        let text = try String(contentsOf: TestFixtures.vectorURL("sealedsecrets/db-creds.strict.sealedsecret.json"), encoding: .utf8)
        let node = try #require(JSONParser().parseStream(Array(text.utf8)).first)
        // Go's indented JSON adds only newlines, indentation and the space after each colon.
        let pretty = JSONWriter.write(node)
        var inString = false, escaped = false, layout = 0
        for byte in pretty.utf8 {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") {
                layout += 1
            }
        }
        #expect(JSONWriter.compactByteCount(node) == pretty.utf8.count - layout)
    }
}
