#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
import SealKitSerialization
import SealKitModel

/// A manifest file that holds SealedSecret documents, possibly beside other documents (a
/// Namespace, a ConfigMap): read once, one SealedSecret chosen, and written back with every other
/// document, comment and separator as it was. What `set`, `unset`, `edit`, `seal --merge-into`,
/// `rotate` and `reseal` edit files through.
public struct SealedSecretFile: Sendable {
    /// The path, as given.
    public let path: String
    /// The file cut into documents, with the replacements made so far.
    public package(set) var text: ManifestText
    /// The lines (1-based, in the file as read) of comments that the last ``replace(_:with:replacing:)``
    /// dropped: a document or flow mapping rewritten whole keeps only the comments it can place.
    public package(set) var lostCommentLines: [Int] = []
    /// The indexes (into ``/SealKitSerialization/ManifestText/documents``) of the SealedSecret documents, in order.
    public let sealedSecretIndexes: [Int]

    /// The format the file is in, which every rewrite keeps.
    public var format: KubesealFormat.OutputFormat { text.format }

    /// Reads and cuts the file at `path`. Errors name the file.
    public init(contentsOf path: String) throws {
        try self.init(bytes: try FileBytes.read(path), path: path)
    }

    /// Cuts `bytes`, read from `path`.
    public init(bytes: [UInt8], path: String) throws {
        self.path = path
        do {
            text = try ManifestText(bytes: bytes)
        } catch {
            throw error.inFile(path)
        }
        let documents = text.documents
        sealedSecretIndexes = documents.indices.filter { documents[$0]["kind"]?.scalar?.value == "SealedSecret" }
    }

    /// The SealedSecret of document `index`.
    public func sealedSecret(at index: Int) throws -> SealedSecret {
        do {
            return try SealedSecret(node: text.documents[index], options: text.format.decodingOptions)
        } catch {
            throw error.inFile(path).inDocument(index)
        }
    }

    /// Every SealedSecret of the file, with its document index.
    public func sealedSecrets() throws -> [(index: Int, sealed: SealedSecret)] {
        try sealedSecretIndexes.map { ($0, try sealedSecret(at: $0)) }
    }

    /// The one SealedSecret meant: the only one in the file, or the one named `name` (and in
    /// `namespace`, where names repeat). An ambiguous choice is an error that lists the
    /// SealedSecrets found.
    public func select(name: String? = nil, namespace: String? = nil) throws -> (index: Int, sealed: SealedSecret) {
        let all = try sealedSecrets()
        let matching = all.filter { candidate in
            (name == nil || candidate.sealed.metadata.name == name) && (namespace == nil || candidate.sealed.metadata.namespace == namespace)
        }
        if matching.count == 1 { return matching[0] }
        if all.isEmpty {
            let kinds = text.documents.compactMap { $0["kind"]?.scalar?.value }
            throw ManifestError(.wrongKind(expected: "a SealedSecret", found: kinds.isEmpty ? "no documents" : kinds.map { "a \($0)" }.joined(separator: ", ")), file: path)
        }
        let names = all.map { "\($0.sealed.metadata.name ?? "(no name)") in \($0.sealed.metadata.namespace ?? "(no namespace)")" }
        throw ManifestError(.ambiguous(what: matching.isEmpty ? "no SealedSecret matches" : "\(matching.count) SealedSecrets match", candidates: names), file: path)
    }

    /// Replaces document `index` with `sealed`. When only string mappings differ (values of
    /// `encryptedData`, labels, annotations, template data), only their lines change (see
    /// ``Edit``); otherwise the document is written as kubeseal writes it in the file's format,
    /// and the file's own separator and the comments around the document stay. `old`, when the
    /// caller has it, spares decoding the document a second time.
    ///
    /// The result is checked before it is kept: the document must still cut as one document in
    /// its place and read back as exactly `sealed`. Otherwise the file is left as it was and the
    /// error says so.
    @discardableResult
    public mutating func replace(_ index: Int, with sealed: SealedSecret, replacing old: SealedSecret? = nil) throws -> Edit {
        let previousBody = text.body(at: index)
        let edit = try rewrite(index, with: sealed, replacing: old)
        guard text.bodyStaysOneDocument(at: index), readsBack(index, as: sealed, checkedInPlace: edit != .document) else {
            text.setBody(at: index, previousBody)
            lostCommentLines = []
            throw ManifestError(.syntax("the rewritten SealedSecret would not read back as the one meant; the file is left unchanged"), file: path).inDocument(index)
        }
        return edit
    }

    /// Whether document `index` decodes as `sealed` (compared as kubeseal formats them: a
    /// rewrite may quote an odd key differently). An edit in place has compared its document
    /// already, so only the cut is left to check.
    private func readsBack(_ index: Int, as sealed: SealedSecret, checkedInPlace: Bool) -> Bool {
        if checkedInPlace { return true }
        guard let documents = try? ManifestStream(bytes: Array(text.body(at: index).utf8)).documents, documents.count == 1,
              let decoded = try? SealedSecret(document: documents[0]) else { return false }
        return decoded == sealed || (try? decoded.formatted(as: .yaml)) == (try? sealed.formatted(as: .yaml))
    }

    private mutating func rewrite(_ index: Int, with sealed: SealedSecret, replacing old: SealedSecret?) throws -> Edit {
        lostCommentLines = []
        if let old = old ?? (try? sealedSecret(at: index)), let edit = editInPlace(index, from: old, to: sealed) { return edit }
        let firstLine = text.firstLine(of: index)
        let oldLines = text.body(at: index).split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        var rendered = try sealed.formatted(as: format)
        if format == .yaml { rendered.removeFirst(4) }  // the file keeps its own `---`
        else { rendered.removeLast() }                 // and its own line break
        if SourceLines.lineBreak(of: text.body(at: index).utf8) == "\r\n" { rendered = rendered.replacing("\n", with: "\r\n") }
        text.replaceDocument(at: index, with: rendered)
        let kept = Set(text.body(at: index).split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map { $0.trimmingSpaces() })
        lostCommentLines = oldLines.enumerated().compactMap { offset, line in
            let trimmed = line.trimmingSpaces()
            return (trimmed.hasPrefix("#") || line.contains(" #")) && !kept.contains(trimmed) ? firstLine + offset : nil
        }
        return .document
    }

    /// Writes the file atomically; its mode is kept.
    public func write() throws {
        try AtomicFile.write(text.text, to: URL(fileURLWithPath: path))
    }
}
