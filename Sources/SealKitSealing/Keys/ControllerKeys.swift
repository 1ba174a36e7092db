#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
import SealKitCrypto
import SealKitSerialization
import SealKitModel
import SealKitCluster

/// One of the controller's key pairs, as the Secret it keeps it in.
public struct ControllerKey: Sendable {
    /// The key Secret with what the controller reads back (name, namespace, labels, type, data)
    /// and nothing the API server set (uid, resourceVersion, managedFields, ownerReferences...).
    public var secret: Secret
    public var certificate: Certificate
    public var privateKey: RSAPrivateKey

    /// The key Secret's label value (`active`, `compromised`), or `legacy` for the Secret named
    /// after the controller's key prefix that carries no label.
    public var status: String {
        secret.metadata.labels[ControllerKeys.label] ?? (secret.metadata.name == ControllerKeys.legacyName ? "legacy" : "unlabelled")
    }

    /// Whether the controller loads it at start: labelled `active`, or the legacy Secret.
    public var isLoaded: Bool { status == "active" || status == "legacy" }

    /// Reads a key Secret: `tls.crt` and `tls.key` must both be there and be one pair.
    public init(secret: Secret, source: String) throws {
        let name = secret.metadata.name ?? "?"
        guard let certificateData = secret.data["tls.crt"], let keyData = secret.data["tls.key"] else {
            throw CryptoError.invalidKeyFile(file: source, reason: "the key Secret \(name) lacks tls.crt or tls.key")
        }
        do {
            certificate = try Certificate(pemRepresentation: String(decoding: certificateData, as: UTF8.self))
            privateKey = try RSAPrivateKey(pemRepresentation: String(decoding: keyData, as: UTF8.self))
        } catch {
            throw CryptoError.invalidKeyFile(file: source, reason: "the key Secret \(name): \(error)")
        }
        guard certificate.publicKey == privateKey.publicKey else {
            throw CryptoError.invalidKeyFile(file: source, reason: "the key Secret \(name): tls.crt is not the certificate of tls.key")
        }
        var kept = ObjectMeta(name: secret.metadata.name, namespace: secret.metadata.namespace, labels: secret.metadata.labels,
                              annotations: secret.metadata.annotations)
        kept.annotations["kubectl.kubernetes.io/last-applied-configuration"] = nil
        var stripped = Secret(name: nil, data: secret.data, type: secret.type ?? "kubernetes.io/tls")
        stripped.metadata = kept
        self.secret = stripped
    }
}

/// The controller's keys in its cluster, read as the controller reads them at start
/// (upstream's `initKeyRegistry`): the Secrets of its namespace labelled
/// `sealedsecrets.bitnami.com/sealed-secrets-key=active`, and the legacy Secret named after its
/// key prefix; the newest certificate (by NotBefore) seals, every key opens.
public enum ControllerKeys {
    public static let label = KeyPair.controllerKeyLabel
    /// The controller's default key prefix, which is also the legacy key Secret's name.
    public static let legacyName = "sealed-secrets-key"

    /// The key Secrets in `controller`'s namespace, oldest first. `includingCompromised` also
    /// takes every other labelled key (`compromised`), which the controller does not load.
    public static func fetch(from controller: SealedSecretsController, using kubectl: Kubectl, includingCompromised: Bool = false) throws -> [ControllerKey] {
        let selector = includingCompromised ? label : "\(label)=active"
        let encoded = selector.replacing("/", with: "%2F").replacing("=", with: "%3D")
        let path = "/api/v1/namespaces/\(controller.namespace)/secrets"
        var secrets: [Secret] = []
        do {
            let list = try JSONParser().parseStream(Array(try kubectl.run(["get", "--raw", "\(path)?labelSelector=\(encoded)"]))).first
            // The items of a list come without their kind and apiVersion.
            for item in list?["items"]?.sequence ?? [] {
                let typed = YAMLNode(.mapping([.init(key: .string("apiVersion"), value: .string("v1")), .init(key: .string("kind"), value: .string("Secret"))]
                    + (item.mapping ?? []).filter { $0.key.scalar?.value != "kind" && $0.key.scalar?.value != "apiVersion" }))
                secrets.append(try Secret(node: typed, options: .json))
            }
            if let legacy = try? kubectl.run(["get", "--raw", "\(path)/\(legacyName)"]), let node = try JSONParser().parseStream(Array(legacy)).first,
               !secrets.contains(where: { $0.metadata.name == legacyName }) {
                secrets.append(try Secret(node: node, options: .json))
            }
        } catch AccessError.kubectlFailed(_, _, let message) where message.contains("Forbidden") || message.contains("forbidden") {
            throw AccessError.permissionDenied(needed: "list and get on secrets in the namespace \(controller.namespace)", message: message.trimmingWhitespace())
        }
        return try secrets.map { try ControllerKey(secret: $0, source: "\(controller.namespace)/\($0.metadata.name ?? "?")") }
            .sorted { $0.certificate.notValidBefore < $1.certificate.notValidBefore }
    }
}
