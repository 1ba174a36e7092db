#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSerialization
import SealKitModel
import SealKitFiles
import Dispatch

/// Rewrites the SealedSecret documents of manifest files with a transform, keeping every other
/// byte of each file (other documents, comments, separators) as it was.
public struct SealedSecretFileRewriter: Sendable {
    /// What the transform made of one SealedSecret.
    public enum Outcome: Sendable {
        /// Write this instead.
        case replaced(SealedSecret)
        /// Leave the document as it is, and say why (the rest of the file is still rewritten).
        case unchanged(String)
    }

    /// What happened to one file.
    public struct FileResult: Sendable {
        /// The file, as given.
        public var path: String
        /// SealedSecret documents found.
        public var sealedSecrets = 0
        /// Documents rewritten.
        public var rewritten = 0
        /// Values in the rewritten documents.
        public var values = 0
        /// Documents left unchanged on purpose, with why.
        public var skipped: [String] = []
        /// Why documents failed; when any did, the file is left unchanged.
        public var failures: [String] = []
        /// The new text, when every SealedSecret of the file was handled.
        public var newText: String?

        /// Whether the file was handled without failures.
        public var succeeded: Bool { failures.isEmpty }
    }

    /// Totals over the files of one rewrite.
    public struct Summary: Sendable, CustomStringConvertible {
        /// Values and SealedSecrets re-sealed, in files that succeeded.
        public var values = 0, documents = 0
        /// Files written, when the caller wrote them (nil when the result was printed instead).
        public var written: Int?
        /// Files that failed (and were left unchanged), and documents skipped on purpose.
        public var failed = 0, skipped = 0

        public init(_ results: [FileResult], written: Int?) {
            for result in results {
                if result.succeeded { values += result.values; documents += result.rewritten } else { failed += 1 }
                skipped += result.skipped.count
            }
            self.written = written
        }

        public var description: String {
            "re-sealed \(values) value\(values == 1 ? "" : "s") in \(documents) SealedSecret\(documents == 1 ? "" : "s")"
                + (written.map { " of \($0) file\($0 == 1 ? "" : "s")" } ?? "")
                + "; \(failed) file\(failed == 1 ? "" : "s") failed and \(failed == 1 ? "was" : "were") left unchanged"
        }
    }

    /// Whether documents are transformed on all cores (the controller's rate limit wants not).
    public var parallel: Bool

    /// A resealer from `oldKeys` to the certificate of `sealer`.
    public init(parallel: Bool) {
        self.parallel = parallel
    }

    /// Rewrites the SealedSecrets of each file with `transform`; a file is rewritten whole or not at all.
    public func rewrite(_ files: [(path: String, bytes: [UInt8])], _ transform: @Sendable (SealedSecret) throws -> Outcome) -> [FileResult] {
        var results = files.map { FileResult(path: $0.path) }
        var sealedFiles: [SealedSecretFile?] = Array(repeating: nil, count: files.count)
        var jobs: [(file: Int, document: Int, sealed: SealedSecret)] = []
        for (fileIndex, file) in files.enumerated() {
            do {
                let sealedFile = try SealedSecretFile(bytes: file.bytes, path: file.path)
                sealedFiles[fileIndex] = sealedFile
                for documentIndex in sealedFile.sealedSecretIndexes {
                    results[fileIndex].sealedSecrets += 1
                    do {
                        jobs.append((fileIndex, documentIndex, try sealedFile.sealedSecret(at: documentIndex)))
                    } catch let error as ManifestError {
                        // The result names the file; the message names the document, then the place.
                        var unlocated = error
                        unlocated.file = nil
                        unlocated.documentIndex = nil
                        results[fileIndex].failures.append("document \(documentIndex + 1): \(unlocated)")
                    } catch {
                        results[fileIndex].failures.append("document \(documentIndex + 1): \(error)")
                    }
                }
            } catch let error as ManifestError {
                var unlocated = error
                unlocated.file = nil
                results[fileIndex].failures.append("\(unlocated)")
            } catch {
                results[fileIndex].failures.append("\(error)")
            }
        }

        let work: @Sendable ((file: Int, document: Int, sealed: SealedSecret)) -> Result<Outcome, Error> = { job in Result { try transform(job.sealed) } }
        let outcomes = parallel ? ParallelMap.run(jobs, work) : jobs.map(work)
        for (job, outcome) in zip(jobs, outcomes) {
            switch outcome {
            case .success(.replaced(let replacement)):
                do {
                    try sealedFiles[job.file]?.replace(job.document, with: replacement, replacing: job.sealed)
                    results[job.file].rewritten += 1
                    results[job.file].values += replacement.spec.encryptedData.count
                } catch {
                    results[job.file].failures.append("document \(job.document + 1): \(error)")
                }
            case .success(.unchanged(let reason)):
                results[job.file].skipped.append("document \(job.document + 1): \(reason)")
            case .failure(let error):
                results[job.file].failures.append("document \(job.document + 1): \(error)")
            }
        }
        for index in results.indices where results[index].succeeded && results[index].rewritten > 0 {
            results[index].newText = sealedFiles[index]?.text.text
        }
        return results
    }
}
