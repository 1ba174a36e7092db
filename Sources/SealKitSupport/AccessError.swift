#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A file, a URL, kubectl or the controller could not be reached, read or written: the world
/// outside SealKit failed, not the input's content (that is `ManifestError`).
///
/// Descriptions name paths, URLs and commands, never values or tokens.
public enum AccessError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A file or folder could not be read; `kind` says what it was for ("certificate file"),
    /// `reason` why (the system's words: "No such file or directory").
    case unreadable(path: String, kind: String = "", reason: String = "")
    /// A file is larger than the limit for what it holds (`size` nil: it grew while being read).
    case tooLarge(path: String, size: Int?, limit: Int)
    /// An atomic write failed at `step` (creating, writing, flushing, renaming) with `errno`.
    case writeFailed(path: String, step: String, code: Int32)
    /// A certificate URL that does not parse.
    case invalidURL(String)
    /// A sealing certificate over plain http from a host that is not this machine.
    case insecureURL(String)
    /// Fetching a URL failed: no connection, TLS verification, not HTTP, or an HTTP status.
    case fetchFailed(url: String, detail: String)
    /// The source gave something that is not a certificate.
    case notACertificate(source: String, reason: String)
    /// The controller's Service was not found through kubectl; `likelyName` is the name it
    /// probably has instead (the Helm chart's, when the default was asked for).
    case controllerNotFound(namespace: String, name: String, likelyName: String? = nil)
    /// kubectl is not on PATH.
    case kubectlNotInstalled(executable: String)
    /// kubectl ran and failed; `message` is what it printed on stderr.
    case kubectlFailed(arguments: [String], status: Int32, message: String)
    /// The controller refused a request (verify, rotate).
    case controllerRejected(message: String)
    /// The controller kept answering 429.
    case rateLimited(attempts: Int)
    /// The controller's answer was not what its API promises.
    case unexpectedResponse(detail: String)
    /// The controller could not re-seal a SealedSecret.
    case cannotRotate(message: String)
    /// The editor the user chose exited with a failure.
    case editorFailed(editor: String, status: Int32)
    /// kubectl did not finish in time and was stopped.
    case kubectlTimedOut(seconds: Int)
    /// No controller was named, none is at the default place, and the search found none.
    case controllerNotDiscovered(searched: String)
    /// No controller was named and the search found several.
    case controllerAmbiguous(candidates: [String])
    /// A tool sealctl needs (git) is not on PATH.
    case toolNotInstalled(name: String)
    /// A tool sealctl ran (git) failed.
    case toolFailed(name: String, message: String)
    /// A program could not be started or waited for (`step`: the system call that failed).
    case cannotRun(executable: String, step: String, code: Int32)
    /// There is no terminal to ask on (a CI job, a pipe).
    case noTerminal
    /// The API server refused a request for want of a permission: `needed` says which.
    case permissionDenied(needed: String, message: String)
    /// Secret material would be written to a terminal.
    case refusedTerminal(what: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let kind, let reason):
            let what = kind.isEmpty ? path : "the \(kind) \(path)"
            return reason.isEmpty ? "cannot read \(what)" : "cannot read \(what): \(reason)"
        case .tooLarge(let path, let size, let limit):
            let mebibytes = { (bytes: Int) in bytes / (1024 * 1024) }
            let found = size.map { "the input is \(mebibytes($0)) MiB" } ?? "the input grew while it was read"
            return "\(path): \(found); manifests larger than \(mebibytes(limit)) MiB are refused"
        case .writeFailed(let path, let step, let code):
            return "cannot write \(path): \(step) failed: \(POSIX.message(code))"
        case .invalidURL(let text):
            return "not a valid URL: \(text)"
        case .insecureURL(let text):
            return "refusing to fetch a sealing certificate over plain http from a remote host (\(text)); use https"
        case .fetchFailed(let url, let detail):
            return "cannot fetch \(url): \(detail)"
        case .notACertificate(let source, let reason):
            return "\(source): \(reason)"
        case .controllerNotFound(let namespace, let name, let likelyName):
            let helm = likelyName.map { "; if the controller was installed with the Helm chart its service is called \"\($0)\"" } ?? ""
            return "cannot fetch the certificate from the cluster: the service \(namespace)/\(name) was not found\(helm)"
        case .kubectlNotInstalled(let executable):
            return "\(executable) was not found on PATH; install kubectl"
        case .kubectlFailed(let arguments, let status, let message):
            let text = message.trimmingWhitespace()
            return "kubectl \(arguments.joined(separator: " ")) failed (exit \(status))\(text.isEmpty ? "" : ": \(text)")"
        case .controllerRejected(let message):
            return "the controller refused the request: \(message)"
        case .rateLimited(let attempts):
            return "the controller kept answering 429 (rate limited) after \(attempts) attempts"
        case .unexpectedResponse(let detail):
            return "the controller's answer is not a SealedSecret: \(detail)"
        case .editorFailed(let editor, let status):
            return "the editor (\(editor)) exited with status \(status)"
        case .kubectlTimedOut(let seconds):
            return "kubectl did not answer within \(seconds) s and was stopped: the cluster is slow or unreachable"
        case .controllerNotDiscovered(let searched):
            return "cannot find the sealed-secrets controller: searched \(searched), and found none"
        case .controllerAmbiguous(let candidates):
            return "found \(candidates.count) sealed-secrets controllers (\(candidates.joined(separator: ", "))); choose one"
        case .toolNotInstalled(let name):
            return "\(name) was not found on PATH; install \(name)"
        case .toolFailed(let name, let message):
            return "\(name) failed: \(message)"
        case .cannotRun(let executable, let step, let code):
            return "cannot run \(executable): \(step) failed: \(POSIX.message(code))"
        case .noTerminal:
            return "no terminal to prompt on; pipe the value in on standard input"
        case .permissionDenied(let needed, let message):
            return "the cluster refused the request: the user needs \(needed) (\(message))"
        case .refusedTerminal(let what):
            return "refusing to print \(what) on a terminal; write it to a file"
        case .cannotRotate(let message):
            return "the controller could not re-seal it (\(message)); it is usually sealed for a key the controller does not have"
        }
    }
}

extension AccessError: RemediableError {
    public var remedy: Remedy? {
        switch self {
        case .kubectlNotInstalled: return .giveCertificate
        case .controllerNotFound(_, _, let likelyName): return .nameController(suggested: likelyName)
        case .controllerNotDiscovered, .controllerAmbiguous: return .nameController(suggested: nil)
        case .kubectlTimedOut: return .raiseRequestTimeout
        default: return nil
        }
    }
}
