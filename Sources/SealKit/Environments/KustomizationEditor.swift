#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Adds an entry to a `kustomization.yaml`'s `resources` by a minimal text edit, so that
/// comments and formatting everywhere else stay byte-identical.
public enum KustomizationEditor {
    /// The file's text with `entry` in `resources`, or nil when it is there already.
    public static func addingResource(_ entry: String, to text: String) throws -> String? {
        let kustomization = try Kustomization(yaml: text)
        if kustomization.resources.contains(entry) { return nil }
        var lines = ManifestText.lines(text)
        if !lines.isEmpty, !lines[lines.count - 1].hasSuffix("\n") { lines[lines.count - 1] += "\n" }

        guard let keyIndex = lines.firstIndex(where: { ManifestText.stripped($0).hasPrefix("resources:") }) else {
            return try verified(lines.joined() + "resources:\n- \(entry)\n", adding: entry)
        }
        let keyLine = ManifestText.stripped(lines[keyIndex])
        let inline = keyLine.dropFirst("resources:".count).trimmingSpaces()
        if inline.hasPrefix("[") {
            guard !keyLine.contains("#") || keyLine.lastIndex(of: "]")! < keyLine.firstIndex(of: "#")! else {
                throw ManifestError(.syntax("cannot edit a resources list that a comment interrupts"))
            }
            // A flow list: `resources: [a.yaml, b.yaml]`.
            guard let close = keyLine.lastIndex(of: "]") else { throw ManifestError(.syntax("cannot edit the resources list")) }
            let inside = keyLine[keyLine.index(after: keyLine.firstIndex(of: "[")!)..<close].trimmingSpaces()
            let newLine = "resources: [" + (inside.isEmpty ? entry : inside + ", " + entry) + "]" + keyLine[keyLine.index(after: close)...]
            lines[keyIndex] = newLine + "\n"
            return try verified(lines.joined(), adding: entry)
        }
        guard inline.isEmpty || inline.hasPrefix("#") else { throw ManifestError(.syntax("cannot edit the resources field")) }
        // Block list: the new item goes after the last line that belongs to the list (an item, or
        // a more indented line continuing one), with the items' indentation.
        var lastListLine: Int?, indentation: String?
        var index = keyIndex + 1
        while index < lines.count {
            let line = ManifestText.stripped(lines[index])
            let trimmed = line.trimmingSpaces()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { index += 1; continue }
            let lineIndentation = String(line.prefix { $0 == " " })
            if trimmed.hasPrefix("- ") || trimmed == "-" {
                if indentation == nil { indentation = lineIndentation }
                guard lineIndentation == indentation else { break }
            } else if let indentation, lineIndentation.count > indentation.count {
                // A continuation of the previous item (a folded scalar, or a nested mapping).
            } else {
                break
            }
            lastListLine = index
            index += 1
        }
        lines.insert("\(indentation ?? "")- \(entry)\n", at: (lastListLine ?? keyIndex) + 1)
        return try verified(lines.joined(), adding: entry)
    }

    /// The edited text, after checking that it still parses and lists exactly one more resource,
    /// the new one: a text edit that went wrong is refused, never written.
    private static func verified(_ text: String, adding entry: String) throws -> String {
        let edited: Kustomization
        do {
            edited = try Kustomization(yaml: text)
        } catch {
            throw ManifestError(.syntax("cannot add \(entry) to the resources by a text edit (\(error)); add it by hand"))
        }
        guard edited.resources.last == entry || edited.resources.contains(entry) else {
            throw ManifestError(.syntax("cannot add \(entry) to the resources by a text edit; add it by hand"))
        }
        return text
    }
}
