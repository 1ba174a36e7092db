#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
import SealKitCrypto
import SealKitModel
import SealKitSealing

/// A sealing certificate with the name of its cluster: `eu=certs/eu.crt`, or a plain path named
/// after its file (`certs/eu.crt` is `eu`). The name becomes a file name, so it is a DNS-1123-like
/// word: letters, digits, `.`, `_` and `-`.
public struct NamedCertificate: Sendable, Equatable {
    public var name: String
    /// The certificate's source (a file, or a URL), as `--cert` takes it.
    public var source: String

    public init(name: String, source: String) {
        self.name = name
        self.source = source
    }

    public init(argument: String) throws {
        let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
        let looksNamed = parts.count == 2 && !parts[0].contains("/") && !parts[0].contains(":")
        source = looksNamed ? parts[1] : argument
        let file = source.split(separator: "/").last.map(String.init) ?? source
        name = looksNamed ? parts[0] : (file.split(separator: ".").first.map(String.init) ?? file)
        guard !name.isEmpty, name != ".", name != "..", name.utf8.allSatisfy({ ASCII.isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }) else {
            throw OperationError.invalidClusterName(argument: argument)
        }
    }
}

extension SealOperation {
    /// What a run for several certificates made: per certificate, its SealedSecrets.
    public struct ClusterResult: Sendable {
        /// Each certificate's name and its SealedSecrets, formatted, in the order given.
        public var outputs: [(name: String, text: String)]
        /// Every SealedSecret of every certificate as one output: a YAML stream, or a JSON `List`.
        public var stream: String
        public var notices: [Notice]
    }

    /// The Secrets decoded once and sealed for each certificate in turn, each exactly as a run
    /// for that certificate alone would seal them. Every certificate is asked for and every
    /// SealedSecret made before anything is returned, so one certificate that fails (expired,
    /// unreadable) fails the whole run and nothing is written. Names must differ.
    public func run(for certificates: [(name: String, certificate: () throws -> Certificate)]) throws -> ClusterResult {
        try run(for: certificates) { _ in nil }
    }

    package func run(for certificates: [(name: String, certificate: () throws -> Certificate)], random: (String) -> RandomByteSource?) throws -> ClusterResult {
        var seen = Set<String>()
        for (name, _) in certificates where !seen.insert(name).inserted { throw OperationError.repeatedClusterName(name) }
        let secrets = try decodedSecrets()
        var options = self.options
        var all: [SealedSecret] = [], outputs: [(name: String, text: String)] = [], notices: [Notice] = []
        for (name, certificate) in certificates {
            let sealer: Sealer
            do {
                let located = try certificate()
                sealer = try random(name).map { try Sealer(certificate: located, random: $0) } ?? Sealer(certificate: located)
            } catch {
                throw LocatedError("certificate \(name)", error)
            }
            let (sealed, warnings) = try seal(secrets, with: sealer, options: &options)
            all += sealed
            outputs.append((name, try sealed.map { try $0.formatted(as: format) }.joined()))
            for warning in warnings where !notices.contains(warning) { notices.append(warning) }
        }
        let stream = format == .json ? try ManifestList(items: all.map(\.node)).formatted(as: .json) : outputs.map(\.text).joined()
        return ClusterResult(outputs: outputs, stream: stream, notices: notices)
    }

    /// ``run(for:)`` for `--cert` arguments (`NAME=PATH`, or a path or URL named after its
    /// file), each certificate read from its source.
    public func run(forCertificates arguments: [String]) throws -> ClusterResult {
        guard !arguments.isEmpty else { throw OperationError.certificateNeeded }
        let named = try arguments.map(NamedCertificate.init(argument:))
        return try run(for: named.map { certificate in (certificate.name, { try CertificateSource(argument: certificate.source).fetchCertificate() }) })
    }

    /// Writes each certificate's SealedSecrets to `folder/<name>.yaml` (`.json` for JSON), each
    /// file atomically, after every one was made.
    public static func write(_ result: ClusterResult, toFolder folder: String, format: KubesealFormat.OutputFormat) throws -> [String] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return try result.outputs.map { output in
            let path = PathText.appending("\(output.name).\(format == .json ? "json" : "yaml")", to: folder)
            try AtomicFile.write(output.text, to: URL(fileURLWithPath: path))
            return path
        }
    }
}
