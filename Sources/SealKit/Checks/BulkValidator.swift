#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
import SealKitCrypto
import SealKitSerialization
import SealKitModel
import SealKitFiles
import SealKitCluster
import SealKitSealing

/// Validates every SealedSecret in files, folders or given bytes: the CRD schema and the sealed
/// values' layout, then optionally that each value opens with private keys, then optionally that
/// the controller can decrypt it, and optionally that it was sealed for a given certificate. What
/// `sealctl validate` does, for any program.
///
/// Files named directly must hold SealedSecrets; files found in folders may hold anything, and
/// only their SealedSecrets are validated. A file that cannot be read or parsed is one error line,
/// and validation goes on with the next file.
public struct BulkValidator {
    /// Where SealedSecrets come from.
    public enum Input: Sendable {
        /// A file on disk; `explicit` when the user named it (so it must hold a SealedSecret).
        case file(path: String, explicit: Bool)
        /// Bytes read elsewhere (standard input), under a name for messages.
        case bytes([UInt8], name: String)

        var name: String {
            switch self {
            case .file(let path, _): return path
            case .bytes(_, let name): return name
            }
        }
    }

    /// One line of the result: where, and what.
    public struct Line: Sendable, CustomStringConvertible {
        /// `file, document 2, line 5, column 3`, whatever is known.
        public var location: String
        /// The problem, or nil for a SealedSecret the controller confirmed.
        public var problem: ValidationProblem?

        public var description: String {
            problem.map { "\(location): \($0)" } ?? "\(location): valid (the controller can decrypt it)"
        }
    }

    /// How many SealedSecrets were checked and what was found.
    public struct Summary: Sendable, CustomStringConvertible {
        public var checked = 0, errors = 0, warnings = 0
        /// With a certificate: SealedSecrets that record no key fingerprint (kubeseal's), judged
        /// by their key size only.
        public var notJudgedForCertificate = 0

        public var description: String {
            let counts = "\(checked) SealedSecret\(checked == 1 ? "" : "s") checked: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
            let unjudged = notJudgedForCertificate
            return counts + (unjudged == 0 ? "" : "; \(unjudged) record\(unjudged == 1 ? "s" : "") no key fingerprint (kubeseal writes none), judged for the certificate by key size only")
        }
    }

    /// Opens every value too, when given.
    public var unsealer: Unsealer?
    /// Asks the controller too (`POST /v1/verify`), when given.
    public var controller: ControllerClient?
    /// The certificate every SealedSecret must be sealed for, judged as `check` judges an
    /// overlay against its environment's certificate: the recorded key fingerprint, and each
    /// value's key size.
    public var certificate: Certificate?
    private let validator = SealedSecretValidator()

    public init(unsealer: Unsealer? = nil, controller: ControllerClient? = nil, certificate: Certificate? = nil) {
        self.unsealer = unsealer
        self.controller = controller
        self.certificate = certificate
    }

    /// The inputs for paths given by a user: each named file, and every manifest under each folder.
    public static func inputs(for paths: [String]) throws -> [Input] {
        var inputs: [Input] = []
        for path in paths {
            let explicit = POSIX.kind(ofPath: path) != .directory
            for url in try ManifestFinder.files(under: [path]) { inputs.append(.file(path: explicit ? path : url.relativePath, explicit: explicit)) }
        }
        return inputs
    }

    /// Validates `inputs` in order, handing each line to `report` as it is found (so output
    /// streams) and each controller request to `progress` before it is made. An error thrown by
    /// `report` (output that cannot be written) stops the run.
    @discardableResult
    public func validate<Failure: Error>(_ inputs: [Input], progress: (String) -> Void = { _ in }, report: (Line) throws(Failure) -> Void) throws(Failure) -> Summary {
        var summary = Summary()
        func emit(_ line: Line) throws(Failure) {
            if let problem = line.problem {
                if problem.severity == .error { summary.errors += 1 } else { summary.warnings += 1 }
            }
            try report(line)
        }
        for input in inputs {
            let stream: ManifestStream
            var bytes: [UInt8] = []
            do {
                switch input {
                case .file(let path, _): bytes = try FileBytes.read(path)
                case .bytes(let given, _): bytes = given
                }
                stream = try ManifestStream(bytes: bytes)
            } catch let error as ManifestError {
                if TemplateFile.looksLikeTemplate(bytes) {
                    try emit(Line(location: input.name, problem: ValidationProblem(.warning, field: "", TemplateFile.notChecked)))
                    continue
                }
                let located = error.inFile(input.name)
                try emit(Line(location: located.location, problem: ValidationProblem(.error, field: "", located.problem)))
                continue
            } catch {
                try emit(Line(location: input.name, problem: ValidationProblem(.error, field: "", "\(error)")))
                continue
            }
            if TemplateFile.isTemplate(bytes, parsed: stream.documents.map(\.node)) {
                try emit(Line(location: input.name, problem: ValidationProblem(.warning, field: "", TemplateFile.notChecked)))
                continue
            }
            let sealedDocuments = stream.documents.filter { $0.kind == "SealedSecret" || $0.kind == nil || $0.apiVersion?.hasPrefix("bitnami.com/") == true }
            if case .file(_, true) = input, sealedDocuments.isEmpty {
                let found = stream.documents.compactMap(\.kind)
                let problem = ManifestError.Reason.wrongKind(expected: "a SealedSecret", found: found.isEmpty ? "no documents" : found.map { "a \($0)" }.joined(separator: ", "))
                try emit(Line(location: input.name, problem: ValidationProblem(.error, field: "", ManifestError(problem).problem)))
                continue
            }
            for document in sealedDocuments {
                summary.checked += 1
                if try !validate(document, named: input.name, progress: progress, report: emit) { summary.notJudgedForCertificate += 1 }
            }
        }
        return summary
    }

    /// Reports the document's problems; false when a certificate was given and the document
    /// records no fingerprint to judge by.
    private func validate<Failure: Error>(_ document: ManifestDocument, named name: String, progress: (String) -> Void, report: (Line) throws(Failure) -> Void) throws(Failure) -> Bool {
        // With a key, the values are opened and judged as the API server will judge the Secret.
        var problems = validator.validate(document.node, options: document.decodingOptions, opening: unsealer.map { unsealer in { try unsealer.openValues(of: $0) } })
        var judged = true
        if let certificate, !problems.contains(where: { $0.severity == .error }), let sealed = try? SealedSecret(document: document) {
            let pinned = RepositoryChecker.PinnedCertificate(folder: nil, certificate: certificate)
            let result = pinned.mismatches(of: sealed, known: [])
            let marks = result.mismatches.isEmpty ? [:] : document.node["spec"]?["encryptedData"]?.marksByKey ?? [:]
            problems += result.mismatches.map { ValidationProblem(.error, field: "", $0.message, mark: $0.encryptedDataKey.flatMap { marks[$0] }) }
            judged = result.judged
        }
        if let controller, !problems.contains(where: { $0.severity == .error }) {
            progress("checking with the controller: \(name), \(document.locationDescription)")
            do {
                switch try controller.verify(SealedSecret(document: document)) {
                case .valid:
                    try report(Line(location: "\(name), \(document.locationDescription)", problem: nil))
                case .cannotDecrypt:
                    problems.append(ValidationProblem(.error, field: "", "the controller cannot decrypt it: it was sealed for another key, name or namespace"))
                }
            } catch {
                problems.append(ValidationProblem(.error, field: "", "the controller could not check it: \(error)"))
            }
        }
        // In the order of the file, as a reader goes through it; problems without a place last.
        let ordered = problems.enumerated().sorted { a, b in
            let left = a.element.mark ?? document.mark, right = b.element.mark ?? document.mark
            return (left?.line ?? .max, left?.column ?? .max, a.offset) < (right?.line ?? .max, right?.column ?? .max, b.offset)
        }.map(\.element)
        for problem in ordered {
            let mark = problem.mark ?? document.mark
            try report(Line(location: [name, document.locationDescription, mark.map(\.description)].compactMap { $0 }.joined(separator: ", "), problem: problem))
        }
        return judged
    }
}
