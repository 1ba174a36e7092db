import Foundation

/// Re-seals SealedSecrets for a new certificate without a cluster: each value is opened with
/// the old keys and sealed again for the new key under the same scope. Name, namespace,
/// annotations, template and keys stay as they were; only ciphertexts change (and the recorded
/// key fingerprint, if there is one).
///
/// Cross-cluster migration is this with the source cluster's keys and the target cluster's
/// certificate: no plain Secret is written anywhere.
public struct Resealer: Sendable {
    public let unsealer: Unsealer
    public let sealer: Sealer

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

    /// What happened to one file.
    public struct FileResult: Sendable {
        public var path: String
        /// SealedSecret documents found.
        public var sealedSecrets = 0
        /// Values re-sealed.
        public var values = 0
        /// Why documents failed; when any did, the file is left unchanged.
        public var failures: [String] = []
        /// The new text, when every SealedSecret of the file was re-sealed.
        public var newText: String?

        public var succeeded: Bool { failures.isEmpty }
    }

    /// Re-seals every SealedSecret document of a file's bytes. Other documents, and everything
    /// between documents, are kept byte for byte. A file is re-sealed whole or not at all.
    /// Documents are worked on in parallel over the machine's cores.
    public func resealFiles(_ files: [(path: String, bytes: [UInt8])]) -> [FileResult] {
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

        let outcomes = ParallelMap.run(jobs) { job -> Result<SealedSecret, Error> in
            Result { try reseal(job.sealed) }
        }
        for (job, outcome) in zip(jobs, outcomes) {
            switch outcome {
            case .success(let resealed):
                guard var text = texts[job.file] else { continue }
                do {
                    let format: KubesealFormat.OutputFormat = text.format == .json ? .json : .yaml
                    var rendered = try resealed.formatted(as: format)
                    if format == .yaml { rendered.removeFirst(4) }  // the file keeps its own `---`
                    else { rendered.removeLast() }                 // and its own line break
                    text.replaceDocument(at: job.document, with: rendered)
                    texts[job.file] = text
                    results[job.file].values += resealed.spec.encryptedData.count
                } catch {
                    results[job.file].failures.append("document \(job.document + 1): \(error)")
                }
            case .failure(let error):
                results[job.file].failures.append("document \(job.document + 1): \(error)")
            }
        }
        for index in results.indices where results[index].succeeded && results[index].sealedSecrets > 0 {
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
        private let lock = NSLock()
        private var storage: [Output?]
        init(count: Int) { storage = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ value: Output) { lock.withLock { storage[index] = value } }
        var values: [Output] { lock.withLock { storage.map { $0! } } }
    }
}
