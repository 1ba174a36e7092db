#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
import SealKitSerialization

/// How the controller's pods are restarted the way their owner would: the Deployment behind the
/// Service's endpoints (pod → ReplicaSet → Deployment, through owner references), else the pods
/// themselves by the Service's selector, as upstream's documentation does.
public enum ControllerRestart: Sendable, Equatable, CustomStringConvertible {
    case rolloutDeployment(namespace: String, name: String)
    case deletePods(namespace: String, selector: String)

    /// The kubectl arguments that restart it.
    public var arguments: [String] {
        switch self {
        case .rolloutDeployment(let namespace, let name): return ["rollout", "restart", "deployment/\(name)", "-n", namespace]
        case .deletePods(let namespace, let selector): return ["delete", "pod", "-n", namespace, "-l", selector]
        }
    }

    public var description: String {
        switch self {
        case .rolloutDeployment(let namespace, let name): return "restart the Deployment \(namespace)/\(name)"
        case .deletePods(let namespace, let selector): return "delete the pods labelled \(selector) in \(namespace) (no Deployment owns them)"
        }
    }
}

extension SealedSecretsController {
    /// How to restart this controller (see ``ControllerRestart``).
    public func restart(using kubectl: Kubectl) throws -> ControllerRestart {
        let parser = JSONParser()
        func get(_ path: String) throws -> YAMLNode? { try parser.parseStream(Array(try kubectl.run(["get", "--raw", path]))).first }
        let endpoints = try? get("/api/v1/namespaces/\(namespace)/endpoints/\(name)")
        let pods = (endpoints?["subsets"]?.sequence ?? []).flatMap { $0["addresses"]?.sequence ?? [] }.compactMap { $0["targetRef"]?["name"]?.scalar?.value }
        for pod in pods {
            guard let replicaSet = owner(of: try? get("/api/v1/namespaces/\(namespace)/pods/\(pod)"), kind: "ReplicaSet"),
                  let deployment = owner(of: try? get("/apis/apps/v1/namespaces/\(namespace)/replicasets/\(replicaSet)"), kind: "Deployment") else { continue }
            return .rolloutDeployment(namespace: namespace, name: deployment)
        }
        let selector = (try get("/api/v1/namespaces/\(namespace)/services/\(name)"))?["spec"]?["selector"]?.mapping?
            .compactMap { pair in pair.value.scalar.map { "\(pair.key.scalar?.value ?? "")=\($0.value)" } }.sorted().joined(separator: ",") ?? ""
        guard !selector.isEmpty else { throw AccessError.unexpectedResponse(detail: "the Service \(namespace)/\(name) selects no pods: cannot restart the controller") }
        return .deletePods(namespace: namespace, selector: selector)
    }

    private func owner(of object: YAMLNode?, kind: String) -> String? {
        object?["metadata"]?["ownerReferences"]?.sequence?.first { $0["kind"]?.scalar?.value == kind }?["name"]?.scalar?.value
    }
}
