import Foundation

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
            return lines.joined() + "resources:\n- \(entry)\n"
        }
        let keyLine = ManifestText.stripped(lines[keyIndex])
        let inline = keyLine.dropFirst("resources:".count).trimmingCharacters(in: .whitespaces)
        if inline.hasPrefix("[") {
            // A flow list: `resources: [a.yaml, b.yaml]`.
            guard let close = keyLine.lastIndex(of: "]") else { throw ManifestError(.syntax("cannot edit the resources list")) }
            let inside = keyLine[keyLine.index(after: keyLine.firstIndex(of: "[")!)..<close].trimmingCharacters(in: .whitespaces)
            let newLine = "resources: [" + (inside.isEmpty ? entry : inside + ", " + entry) + "]" + keyLine[keyLine.index(after: close)...]
            lines[keyIndex] = newLine + "\n"
            return lines.joined()
        }
        guard inline.isEmpty || inline.hasPrefix("#") else { throw ManifestError(.syntax("cannot edit the resources field")) }
        // Block list: find its last item and copy its indentation.
        var lastItem: Int?, indentation = ""
        var index = keyIndex + 1
        while index < lines.count {
            let line = ManifestText.stripped(lines[index])
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { index += 1; continue }
            if trimmed.hasPrefix("- ") || trimmed == "-" {
                let lineIndentation = String(line.prefix { $0 == " " })
                if lastItem == nil { indentation = lineIndentation }
                guard lineIndentation == indentation else { break }
                lastItem = index
                index += 1
                continue
            }
            break
        }
        lines.insert("\(indentation)- \(entry)\n", at: (lastItem ?? keyIndex) + 1)
        return lines.joined()
    }
}
