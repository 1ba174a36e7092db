#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A problem reading or decoding a manifest, with where it is: the file (when known), the
/// document (0-based index, printed 1-based), and the line and column.
///
/// A struct rather than an enum because every problem shares the same location facts.
/// Descriptions never quote values, only keys and positions.
public struct ManifestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public enum Reason: Sendable, Equatable {
        /// The bytes are not UTF-8 (`encoding` names what they look like, e.g. "UTF-16LE").
        case notUTF8(encoding: String)
        /// The YAML or JSON syntax is broken; the message is the parser's.
        case syntax(String)
        /// A safety limit was hit (alias expansion, nesting depth, size).
        case limitExceeded(String)
        /// A mapping holds the same key twice.
        case duplicateKey(String)
        /// The document is not of the kind that was expected.
        case wrongKind(expected: String, found: String)
        /// A field holds the wrong type or an invalid value; `field` is a dotted path.
        case invalidField(field: String, problem: String)
        /// A required field is missing.
        case missingField(String)
        /// The input holds no documents.
        case empty
        /// A folder a kustomization includes has no kustomization.yaml.
        case noKustomization(directory: String)
        /// A kustomization lists a resource that does not exist (`file` is the kustomization).
        case missingResource(entry: String)
        /// A kustomization includes itself, directly or through others.
        case kustomizationCycle(directory: String)
        /// Which document is meant is unclear: `what` says why, `candidates` lists the choices.
        case ambiguous(what: String, candidates: [String])
    }

    /// What is wrong.
    public var reason: Reason
    /// The file the document came from, when known.
    public var file: String?
    /// The document's index in its stream (0-based).
    public var documentIndex: Int?
    /// The position in the source text.
    public var mark: YAMLNode.Mark?

    /// An error, with whatever location is known.
    public init(_ reason: Reason, file: String? = nil, documentIndex: Int? = nil, mark: YAMLNode.Mark? = nil) {
        self.reason = reason
        self.file = file
        self.documentIndex = documentIndex
        self.mark = mark
    }

    /// The same error, located in `file`.
    public func inFile(_ file: String) -> ManifestError {
        var copy = self
        copy.file = copy.file ?? file
        return copy
    }

    /// The same error, located in document `index` unless it already names one.
    public func inDocument(_ index: Int) -> ManifestError {
        var copy = self
        copy.documentIndex = copy.documentIndex ?? index
        return copy
    }

    public var description: String {
        location.isEmpty ? problem : "\(location): \(problem)"
    }

    /// Where: `file, document 2, line 5, column 3` (whatever is known).
    public var location: String {
        var parts: [String] = []
        if let documentIndex { parts.append("document \(documentIndex + 1)") }
        if let mark { parts.append(mark.description) }
        let place = parts.joined(separator: ", ")
        guard let file else { return place }
        return place.isEmpty ? file : "\(file): \(place)"
    }

    /// What is wrong, without where.
    public var problem: String {
        switch reason {
        case .notUTF8(let encoding):
            return "the input is \(encoding), not UTF-8; save the file as UTF-8 (PowerShell: Out-File -Encoding utf8)"
        case .syntax(let message):
            return message
        case .limitExceeded(let message):
            return message
        case .duplicateKey(let key):
            return "mapping key \"\(key)\" appears more than once"
        case .wrongKind(let expected, let found):
            return "expected \(expected), found \(found)"
        case .invalidField(let field, let problem):
            return "\(field): \(problem)"
        case .missingField(let field):
            return "\(field) is required"
        case .empty:
            return "no documents found"
        case .noKustomization(let directory):
            return "\(directory) has no kustomization.yaml"
        case .missingResource(let entry):
            return "resource \(entry) does not exist"
        case .kustomizationCycle(let directory):
            return "\(directory) is included twice (a resources cycle?)"
        case .ambiguous(let what, let candidates):
            return "\(what); the file holds \(candidates.joined(separator: ", "))"
        }
    }
}
