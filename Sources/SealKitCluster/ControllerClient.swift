#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
import SealKitSerialization
import SealKitModel

/// Talks to the sealed-secrets controller's HTTP API through the API server's service proxy,
/// with kubectl, so that every kubeconfig, context and auth plugin works. Only SealedSecrets
/// (ciphertext) are ever sent; the controller needs no plain value and gets none.
///
/// Requests are paced to stay under the controller's rate limit (about two a second per
/// client), and a 429 answer is retried with exponential backoff.
public final class ControllerClient: @unchecked Sendable {
    /// What the controller said about one SealedSecret.
    public enum Verdict: Sendable, Equatable {
        /// The controller can decrypt it (HTTP 200).
        case valid
        /// The controller cannot decrypt it (HTTP 409): sealed for another key, name or namespace.
        case cannotDecrypt
    }

    /// The controller's service and namespace.
    public let controller: SealedSecretsController
    /// How kubectl is run.
    public let kubectl: Kubectl
    /// Requests per second at most.
    public let requestsPerSecond: Double
    /// Attempts per request when the controller answers 429.
    public let maxAttempts: Int

    private let lock = Lock()
    private var lastRequest: Date?

    /// A client; `requestsPerSecond` paces requests, `maxAttempts` bounds retries of 429 answers.
    public init(controller: SealedSecretsController, kubectl: Kubectl, requestsPerSecond: Double = 2, maxAttempts: Int = 5) {
        self.controller = controller
        self.kubectl = kubectl
        self.requestsPerSecond = max(requestsPerSecond, 0.01)
        self.maxAttempts = max(maxAttempts, 1)
    }

    /// `POST /v1/verify`: whether the controller can decrypt `sealed`.
    public func verify(_ sealed: SealedSecret) throws -> Verdict {
        do {
            _ = try post("/v1/verify", sealed)
            return .valid
        } catch AccessError.kubectlFailed(_, _, let message) where Self.reason(message) == "Conflict" {
            return .cannotDecrypt
        }
    }

    /// `POST /v1/rotate`: `sealed` re-sealed for the controller's newest key. As kubeseal does,
    /// `apiVersion` and `kind` are restored and `creationTimestamp`, `deletionTimestamp` and
    /// `generation` cleared. The controller answers 500 for any failure to re-seal, which is
    /// thrown as ``/SealKitSupport/AccessError/cannotRotate(message:)``.
    public func rotate(_ sealed: SealedSecret) throws -> SealedSecret {
        let body: Data
        do {
            body = try post("/v1/rotate", sealed)
        } catch AccessError.kubectlFailed(_, _, let message) where Self.reason(message) == "Conflict" || Self.reason(message) == "InternalError" {
            throw AccessError.cannotRotate(message: Self.serverMessage(message))
        }
        guard var node = try? JSONParser().parseStream(Array(body)).first, var pairs = node.mapping else {
            throw AccessError.unexpectedResponse(detail: "\(body.count) bytes that are not a JSON object")
        }
        pairs.removeAll { ["apiVersion", "kind"].contains($0.key.scalar?.value ?? "") }
        node = YAMLNode(.mapping([.init(key: .string("kind"), value: .string("SealedSecret")),
                                  .init(key: .string("apiVersion"), value: .string(SealedSecret.apiVersion))] + pairs))
        var rotated: SealedSecret
        do {
            rotated = try SealedSecret(node: node, options: .json)
        } catch {
            throw AccessError.unexpectedResponse(detail: "\(error)")
        }
        rotated.metadata.creationTimestamp = nil
        rotated.metadata.deletionTimestamp = nil
        rotated.metadata.generation = nil
        return rotated
    }

    /// Posts `sealed` as JSON on stdin (`kubectl create --raw PATH -f -`), paced, retrying 429s.
    private func post(_ endpoint: String, _ sealed: SealedSecret) throws -> Data {
        let body = Data(try sealed.formatted(as: .json).utf8)
        var delay = 1 / requestsPerSecond
        for attempt in 1...maxAttempts {
            pace()
            do {
                return try kubectl.run(["create", "--raw", controller.proxyPath(endpoint), "-f", "-"], input: body)
            } catch AccessError.kubectlFailed(_, _, let message) {
                switch Self.reason(message) {
                case "TooManyRequests":
                    guard attempt < maxAttempts else { throw AccessError.rateLimited(attempts: attempt) }
                    POSIX.sleep(seconds: delay)
                    delay *= 2
                case "Conflict", "InternalError":
                    throw AccessError.kubectlFailed(arguments: [], status: 1, message: message)
                default:
                    throw AccessError.controllerRejected(message: message.trimmingWhitespace())
                }
            }
        }
        throw AccessError.rateLimited(attempts: maxAttempts)
    }

    /// Waits until at least 1/requestsPerSecond has passed since the previous request.
    private func pace() {
        lock.withLock {
            if let lastRequest {
                let wait = 1 / requestsPerSecond - Date().timeIntervalSince(lastRequest)
                if wait > 0 { POSIX.sleep(seconds: wait) }
            }
            lastRequest = Date()
        }
    }

    /// The server's words in kubectl's `Error from server (Reason): words`.
    static func serverMessage(_ message: String) -> String {
        let line = message.split(separator: "\n").first { $0.contains("Error from server") } ?? Substring(message)
        guard let colon = line.firstRange(of: "): ") else { return String(line) }
        return String(line[colon.upperBound...]).trimmingSpaces()
    }

    /// The reason kubectl reports for an HTTP error: `Error from server (Conflict): …`.
    static func reason(_ message: String) -> String? {
        guard let start = message.firstRange(of: "Error from server ("), let end = message[start.upperBound...].firstIndex(of: ")") else { return nil }
        return String(message[start.upperBound..<end])
    }
}
