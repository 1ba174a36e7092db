#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where an environment's certificate comes from.
public enum CertificateSpec: Sendable, Equatable {
    /// The local keyring (the default one, or a folder).
    case localKeyring(URL?)
    /// A certificate file or URL.
    case source(String)
    /// The cluster's controller, optionally through a kubeconfig context.
    case cluster(context: String?)

    /// `local`, `local:FOLDER`, `cluster`, `cluster:CONTEXT`, a path or a URL.
    public init(text: String, directory: URL) throws {
        if text == "local" {
            self = .localKeyring(nil)
        } else if text.hasPrefix("local:") {
            self = .localKeyring(directory.appendingPathComponent(String(text.dropFirst(6))).standardizedFileURL)
        } else if text == "cluster" {
            self = .cluster(context: nil)
        } else if text.hasPrefix("cluster:") {
            self = .cluster(context: String(text.dropFirst(8)))
        } else if text.contains("://") {
            self = .source(text)
        } else {
            self = .source(text.hasPrefix("/") ? text : directory.appendingPathComponent(text).standardizedFileURL.path)
        }
    }
}
