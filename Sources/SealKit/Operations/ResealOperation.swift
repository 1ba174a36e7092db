#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
import SealKitFiles
import SealKitCluster
import SealKitSealing

/// Re-sealing in bulk: every SealedSecret in the files and folders given, opened with old keys
/// and sealed for a new certificate (offline), or re-sealed by the cluster's controller for its
/// newest key (online), each file rewritten whole or not at all.
public struct ResealOperation: Sendable {
    /// Who re-seals.
    public enum Method: Sendable {
        /// Offline: open with the old keys, seal for the new certificate, on every core.
        case offline(Resealer)
        /// The controller, through kubectl, paced under its rate limit.
        case online(ControllerClient)
    }

    /// What happens to the results.
    public enum WritePolicy: Sendable {
        /// Each file is rewritten atomically; files that failed are left unchanged.
        case inPlace
        /// One file, whose new text is returned (and nothing written).
        case returnText
    }

    public var paths: [String]
    public var policy: WritePolicy

    public init(paths: [String], policy: WritePolicy) {
        self.paths = paths
        self.policy = policy
    }

    /// What a run did.
    public struct Report: Sendable {
        /// Each file's result, in order.
        public var results: [SealedSecretFileRewriter.FileResult]
        /// With ``WritePolicy/returnText``: the file's new text (its old text when it holds nothing to re-seal).
        public var text: String?
        /// Files written, with ``WritePolicy/inPlace``.
        public var written: Int?
        /// Documents skipped on purpose (warnings) and files that could not be written or
        /// re-sealed (errors), each naming the file.
        public var notices: [Notice]
        /// The failures alone.
        public var failures: [String] { notices.filter { $0.level == .error }.map(\.message) }
        public var summary: SealedSecretFileRewriter.Summary

        /// Whether every document was re-sealed and every changed file written: nothing failed
        /// and nothing was skipped.
        public var succeeded: Bool { failures.isEmpty && summary.skipped == 0 }
    }

    /// The files to re-seal: with ``WritePolicy/returnText`` exactly one, not a folder.
    public func files() throws -> [URL] {
        let files = try ManifestFinder.files(under: paths)
        if policy == .returnText, files.count != 1 || paths.contains(where: { POSIX.kind(ofPath: $0) == .directory }) {
            throw OperationError.severalFilesNeedInPlace(count: files.count)
        }
        return files
    }

    /// Finds and reads the files, then re-seals them by the method `method` gives (asked only
    /// once the files are known: a wrong path fails before any key is read or certificate fetched).
    public func run(method: () throws -> Method) throws -> Report {
        let inputs = try files().map { (path: $0.relativePath, bytes: try FileBytes.read($0.path)) }
        let results: [SealedSecretFileRewriter.FileResult]
        switch try method() {
        case .offline(let resealer): results = resealer.resealFiles(inputs)
        case .online(let client): results = client.resealFiles(inputs)
        }
        var report = Report(results: results, text: nil, written: nil, notices: [], summary: .init(results, written: nil))
        switch policy {
        case .inPlace:
            var written = 0
            for result in results {
                guard let text = result.newText else { continue }
                do {
                    try AtomicFile.write(text, to: URL(fileURLWithPath: result.path))
                    written += 1
                } catch {
                    report.notices.append(.init(.error, "\(error)"))
                }
            }
            report.written = written
        case .returnText:
            if let result = results.first, result.succeeded { report.text = result.newText ?? String(decoding: inputs[0].bytes, as: UTF8.self) }
        }
        report.summary = SealedSecretFileRewriter.Summary(results, written: report.written)
        for result in results {
            report.notices += result.skipped.map { .warning("\(result.path): \($0); left unchanged") }
            report.notices += result.failures.map { .init(.error, "\(result.path): \($0)") }
        }
        return report
    }
}
