#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A result meant to be read: as text by a person, or as JSON by a script.
public protocol Report: Encodable {
    /// The report for a person, every line ended.
    var text: String { get }
}

extension Report {
    /// The report for a script: keys in declaration order, indented, slashes unescaped, one line
    /// break at the end.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// The text, or the JSON when `json` is true.
    public func rendered(json: Bool) throws -> String { json ? try self.json() : text }
}
