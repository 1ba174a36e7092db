#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Dispatch

/// Re-seals SealedSecrets for a new certificate without a cluster: each value is opened with
/// the old keys and sealed again for the new key under the same scope. Name, namespace,
/// annotations, template and keys stay as they were; only ciphertexts change (and the recorded
/// key fingerprint, if there is one).
///
/// Cross-cluster migration is this with the source cluster's keys and the target cluster's
/// certificate: no plain Secret is written anywhere.
public struct Resealer: Sendable {
    /// Opens values with the old keys.
    public let unsealer: Unsealer
    /// Seals them for the new certificate.
    public let sealer: Sealer

    /// A resealer from `oldKeys` to the certificate of `sealer`.
    public init(oldKeys: Keyring, newCertificate sealer: Sealer) {
        self.unsealer = Unsealer(keyring: oldKeys)
        self.sealer = sealer
    }

    /// The re-sealed SealedSecret.
    public func reseal(_ sealed: SealedSecret) throws -> SealedSecret {
        if sealed.spec.legacyData != nil { throw SealingError.legacyFormat }
        var values = try unsealer.openValues(of: sealed)
        defer { SecureMemory.wipe(&values) }
        var resealed = sealed
        let scope = sealed.scope, namespace = sealed.metadata.namespace ?? "", name = sealed.metadata.name ?? ""
        for (key, value) in values {
            resealed.spec.encryptedData[key] = try sealer.sealValue(value, scope: scope, namespace: namespace, name: name)
        }
        if sealed.recordedKeyFingerprint != nil {
            resealed.metadata.annotations[SealedSecret.keyFingerprintAnnotation] = sealer.certificate.keyFingerprint.rawValue
        }
        return resealed
    }

    /// Re-seals every SealedSecret document of the files, on all cores unless `parallel` is
    /// false (see ``SealedSecretFileRewriter``): a file is rewritten whole or not at all.
    public func resealFiles(_ files: [(path: String, bytes: [UInt8])], parallel: Bool = true) -> [SealedSecretFileRewriter.FileResult] {
        SealedSecretFileRewriter(parallel: parallel).rewrite(files) { .replaced(try reseal($0)) }
    }
}

extension ControllerClient {
    /// Re-seals every SealedSecret of the files through the controller's `/v1/rotate`, one
    /// paced request at a time. A document the controller cannot re-seal is left as it is and
    /// reported; the rest of its file is still rewritten.
    public func resealFiles(_ files: [(path: String, bytes: [UInt8])]) -> [SealedSecretFileRewriter.FileResult] {
        SealedSecretFileRewriter(parallel: false).rewrite(files) { sealed in
            do {
                return .replaced(try rotate(sealed))
            } catch let failure as AccessError {
                if case .cannotRotate = failure { return .unchanged("\(failure)") }
                throw failure
            }
        }
    }
}

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

    /// Whether documents are transformed on all cores (the controller's rate limit wants not).
    public var parallel: Bool

    /// A resealer from `oldKeys` to the certificate of `sealer`.
    public init(parallel: Bool) {
        self.parallel = parallel
    }

    /// Rewrites the SealedSecrets of each file with `transform`; a file is rewritten whole or not at all.
    public func rewrite(_ files: [(path: String, bytes: [UInt8])], _ transform: @Sendable (SealedSecret) throws -> Outcome) -> [FileResult] {
        var results = files.map { FileResult(path: $0.path) }
        var texts: [ManifestText?] = Array(repeating: nil, count: files.count)
        var jobs: [(file: Int, document: Int, sealed: SealedSecret)] = []
        for (fileIndex, file) in files.enumerated() {
            do {
                let text = try ManifestText(bytes: file.bytes)
                texts[fileIndex] = text
                for (documentIndex, node) in text.documents.enumerated() where node["kind"]?.scalar?.value == "SealedSecret" {
                    results[fileIndex].sealedSecrets += 1
                    do {
                        let options: DecodingOptions = text.format == .json ? .json : .yaml
                        jobs.append((fileIndex, documentIndex, try SealedSecret(node: node, options: options)))
                    } catch {
                        results[fileIndex].failures.append("document \(documentIndex + 1): \(error)")
                    }
                }
            } catch {
                results[fileIndex].failures.append("\(error)")
            }
        }

        let work: @Sendable ((file: Int, document: Int, sealed: SealedSecret)) -> Result<Outcome, Error> = { job in Result { try transform(job.sealed) } }
        let outcomes = parallel ? ParallelMap.run(jobs, work) : jobs.map(work)
        for (job, outcome) in zip(jobs, outcomes) {
            switch outcome {
            case .success(.replaced(let replacement)):
                guard var text = texts[job.file] else { continue }
                do {
                    let format: KubesealFormat.OutputFormat = text.format == .json ? .json : .yaml
                    var rendered = try replacement.formatted(as: format)
                    if format == .yaml { rendered.removeFirst(4) }  // the file keeps its own `---`
                    else { rendered.removeLast() }                 // and its own line break
                    text.replaceDocument(at: job.document, with: rendered)
                    texts[job.file] = text
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
            results[index].newText = texts[index]?.text
        }
        return results
    }
}

/// Maps over items on all cores (Dispatch's concurrentPerform), keeping the order.
enum ParallelMap {
    static func run<Item: Sendable, Output: Sendable>(_ items: [Item], _ transform: @Sendable (Item) -> Output) -> [Output] {
        let results = ResultBox<Output>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            results.set(index, transform(items[index]))
        }
        return results.values
    }

    private final class ResultBox<Output: Sendable>: @unchecked Sendable {
        private let lock = Lock()
        private var storage: [Output?]
        init(count: Int) { storage = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ value: Output) { lock.withLock { storage[index] = value } }
        /// Every index was set: concurrentPerform runs each iteration exactly once before returning.
        var values: [Output] { lock.withLock { storage.compactMap { $0 } } }
    }
}
