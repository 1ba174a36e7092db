#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
import SealKitCluster

/// What `ClusterDoctor` found, as a value to encode (JSON for scripts) or print.
public struct ClusterDoctorReport: Sendable, Codable, Equatable, Report {
    public struct Check: Sendable, Codable, Equatable {
        public var name: String
        public var passed: Bool
        public var warning: Bool
        public var detail: String
        public var fix: String?
    }

    /// Whether every link holds.
    public var healthy: Bool
    public var checks: [Check]

    /// One line a check (`ok`, `warn` or `FAIL`), each fix indented under it.
    public var text: String {
        checks.map { check in
            "\(check.passed ? (check.warning ? "warn" : "ok  ") : "FAIL")  \(check.name): \(check.detail)\n"
                + (check.fix?.split(separator: "\n") ?? []).enumerated().map { "\($0.offset == 0 ? "  fix: " : "      ")\($0.element)\n" }.joined()
        }.joined()
    }

    /// The report of `checks`; each check's remedy is worded by `wording` and joined to its fix.
    public init(_ checks: [ClusterDoctor.Check], wording: (Remedy) -> String = { $0.description }) {
        healthy = checks.allSatisfy(\.passed)
        self.checks = checks.map { check in
            let fix = [check.remedy.map(wording), check.fix].compactMap { $0 }.joined(separator: "; ")
            return Check(name: check.name, passed: check.passed, warning: check.isWarning, detail: check.detail, fix: fix.isEmpty ? nil : fix)
        }
    }
}

extension ClusterDoctor {
    /// Runs the checks against the cluster, pinning the certificates of the project at
    /// `configPath` (or the nearest `sealctl.yaml` above `folder`), when there is one.
    public static func report(kubectl: Kubectl, controller: SealedSecretsController, configPath: String?,
                              searchingFrom folder: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                              environment: [String: String], wording: (Remedy) -> String = { $0.description }) throws -> ClusterDoctorReport {
        let project = try ProjectConfig.load(path: configPath, searchingFrom: folder)
        let pinned = (project?.committedCertificates() ?? []).map {
            ClusterDoctor.PinnedCertificate(name: $0.environment.displayName, certificate: $0.certificate, context: $0.environment.context)
        }
        let checks = ClusterDoctor(kubectl: kubectl, controller: controller, pinned: pinned, environment: environment).run()
        return ClusterDoctorReport(checks, wording: wording)
    }
}

/// The cluster's SealedSecrets and whether they unsealed, and how they compare with a
/// repository's: a value to encode or print.
public struct ClusterStatusReport: Sendable, Codable, Equatable, Report {
    public struct Item: Sendable, Codable, Equatable {
        public var namespace: String
        public var name: String
        /// `synced`, `FAILED` or `pending`.
        public var state: String
        public var message: String
        public var id: String { "\(namespace)/\(name)" }
        public var failed: Bool { state == "FAILED" }
    }

    public struct Difference: Sendable, Codable, Equatable, CustomStringConvertible {
        public var kind: String
        public var sealedSecret: String
        public var file: String
        public var description: String { "\(kind): \(sealedSecret)\(file.isEmpty ? "" : " (\(file))")" }
    }

    /// The namespace listed, nil for every namespace.
    public var namespace: String? = nil
    public var sealedSecrets: [Item]
    public var differences: [Difference]

    /// Whether any SealedSecret failed to unseal.
    public var anyFailed: Bool { sealedSecrets.contains(where: \.failed) }

    private enum CodingKeys: String, CodingKey { case sealedSecrets, differences }

    /// One line a SealedSecret (failures with their message), then the differences.
    public var text: String {
        let items = sealedSecrets.map { item in
            item.state + String(repeating: " ", count: max(1, 7 - item.state.count)) + item.id + (item.failed ? ": \(item.message.isEmpty ? "no message" : item.message)" : "") + "\n"
        }
        let none = sealedSecrets.isEmpty ? ["no SealedSecrets in \(namespace ?? "any namespace")\n"] : []
        return (items + none + differences.map { "\($0)\n" }).joined()
    }

    /// The SealedSecrets in `namespace` (nil: every namespace), and with `repositoryPaths` the
    /// differences from the SealedSecrets found there, placed as kustomize places them.
    /// `namespace` nil lists the kubeconfig's current namespace (else `default`), as kubectl
    /// does; `allNamespaces` lists every one.
    public init(kubectl: Kubectl, namespace: String?, allNamespaces: Bool, repositoryPaths: [String] = [],
                root: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        try self.init(kubectl: kubectl, namespace: allNamespaces ? nil : (namespace ?? kubectl.currentNamespace(environment: environment) ?? "default"),
                      repositoryPaths: repositoryPaths, root: root)
    }

    public init(kubectl: Kubectl, namespace: String?, repositoryPaths: [String] = [], root: URL) throws {
        let entries = try ClusterStatus.entries(using: kubectl, namespace: namespace)
        let placed = repositoryPaths.isEmpty ? nil : try RepositoryChecker(root: root).placedSealedSecrets(paths: repositoryPaths)
        let differences = placed.map { ClusterStatus.differences(entries, repository: $0, namespace: namespace) } ?? []
        self.namespace = namespace
        sealedSecrets = entries.map { entry in
            Item(namespace: entry.namespace, name: entry.name, state: entry.synced == true ? "synced" : entry.synced == false ? "FAILED" : "pending",
                 message: entry.message ?? "")
        }
        self.differences = differences.map { Difference(kind: $0.kind.rawValue, sealedSecret: $0.id, file: $0.file ?? "") }
    }
}
