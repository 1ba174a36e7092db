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

/// Offline checks of a repository's manifests, needing no private key and no cluster: plain
/// Secrets, malformed SealedSecrets, scopes broken by kustomize, values sealed for the wrong
/// certificate, and keys that workloads read but SealedSecrets lack.
public struct RepositoryChecker: Sendable {
    /// The top of the git work tree around `folder` (the nearest folder with a `.git`), if any:
    /// what `check` walks when given no paths.
    public static func repositoryRoot(around folder: URL) -> URL? {
        var current = folder.standardizedFileURL
        while true {
            if POSIX.kind(ofPath: current.appendingPathComponent(".git").path) != .missing { return current }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { return nil }
            current = parent
        }
    }

    /// The annotation that allows a plain Secret (for example files and fixtures).
    public static let allowPlainSecretAnnotation = "sealkit.io/allow-plain-secret"

    /// A certificate that the SealedSecrets under a folder must be sealed for.
    public struct PinnedCertificate: Sendable {
        /// The folder (an overlay); nil applies everywhere.
        public var folder: URL?
        public var certificate: Certificate
        /// Whose certificate it is, for messages: `environment production, cluster eu`.
        public var owner: String?

        public init(folder: URL?, certificate: Certificate, owner: String? = nil) {
            self.folder = folder
            self.certificate = certificate
            self.owner = owner
        }
    }

    /// What to check against.
    public struct Options: Sendable {
        /// Path globs of files whose plain Secrets are allowed (`*.example.yaml`); a glob without
        /// `/` matches file names anywhere.
        public var allowedPlainSecretGlobs: [String]
        /// Certificates that SealedSecrets under a folder must be sealed for (the most specific
        /// folder wins); a `nil` folder applies everywhere.
        public var certificates: [PinnedCertificate]
        /// The time at which certificates are judged.
        public var now: Date

        /// Options; by default nothing is allow-listed and no certificate is checked.
        public init(allowedPlainSecretGlobs: [String] = [], certificates: [PinnedCertificate] = [], now: Date = Date()) {
            self.allowedPlainSecretGlobs = allowedPlainSecretGlobs
            self.certificates = certificates
            self.now = now
        }
    }

    /// Paths in findings are relative to this folder.
    public let root: URL
    /// What the checks compare against.
    public let options: Options

    /// A checker for the tree under `root`.
    public init(root: URL, options: Options = Options()) {
        self.root = root.standardizedFileURL
        self.options = options
    }

    /// Every finding under `paths` (files or folders), sorted by file, position and rule.
    public func check(paths: [String]) throws -> [CheckFinding] {
        try report(paths: paths).findings
    }

    /// The findings under `paths` and how many files were read, as a report.
    public func report(paths: [String]) throws -> CheckReport {
        let files = try ManifestFinder.files(under: paths)
        let kustomizationFolders = files.filter(KustomizeOverlay.isKustomizationFile).map { $0.deletingLastPathComponent().standardizedFileURL }
        let overlays = kustomizationFolders.map { folder in (folder, Result { try KustomizeOverlay(directory: folder) }) }
        let read = overlays.compactMap { try? $0.1.get() }
        // A SealedSecret without a namespace that an overlay's `namespace:` places, as
        // `kubectl kustomize` does: judged with that namespace, not as a standalone file.
        let placed = Set(read.flatMap(\.resources).filter { $0.kind == "SealedSecret" && ($0.namespace ?? "").isEmpty && $0.finalNamespace != nil }.map(\.location))
        // Folders that another kustomization includes: bases, judged in their overlays' context.
        let bases = read.reduce(into: Set<String>()) { $0.formUnion($1.includedPaths) }
        var findings: [CheckFinding] = []
        var unjudged = 0
        // A kustomization file is read as kustomize reads it (a repeated key is not an error), by
        // the per-kustomization checks; it holds no Secret of its own.
        for file in files where !KustomizeOverlay.isKustomizationFile(file) {
            findings += checkFile(file, unjudged: &unjudged) { placed.contains("\(file.standardizedFileURL.path)#\($0)") }
        }
        for (folder, overlay) in overlays {
            findings += checkKustomization(folder, overlay, isBase: bases.contains(folder.path))
        }
        findings += certificateExpiry()
        let sorted = Array(Set(findings)).sorted {
            ($0.file, $0.documentIndex ?? -1, $0.mark?.line ?? 0, $0.mark?.column ?? 0, $0.rule.rawValue, $0.message)
                < ($1.file, $1.documentIndex ?? -1, $1.mark?.line ?? 0, $1.mark?.column ?? 0, $1.rule.rawValue, $1.message)
        }
        return CheckReport(findings: sorted, fileCount: files.count, unjudgedCount: unjudged)
    }

    /// A path relative to the root, with `../` for files beside it (`sealctl check` run in a
    /// subfolder of the repository it checks), as the user would type it.
    func relative(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        if path.hasPrefix(root.path + "/") { return String(path.dropFirst(root.path.count + 1)) }
        let file = path.split(separator: "/"), base = root.path.split(separator: "/")
        let shared = zip(file, base).prefix { $0 == $1 }.count
        guard shared > 0 else { return path }
        return (Array(repeating: "..", count: base.count - shared) + file[shared...].map(String.init)).joined(separator: "/")
    }

    /// An error's text with the files it names relative to the root, as every finding names them.
    private func relativePaths(in error: any Error) -> String {
        guard var located = error as? ManifestError else { return "\(error)" }
        if let file = located.file { located.file = relative(URL(fileURLWithPath: file)) }
        switch located.reason {
        case .noKustomization(let directory): located.reason = .noKustomization(directory: relative(URL(fileURLWithPath: directory)))
        case .kustomizationCycle(let directory): located.reason = .kustomizationCycle(directory: relative(URL(fileURLWithPath: directory)))
        default: break
        }
        return "\(located)"
    }

    // MARK: Per file

    /// `isPlaced(documentIndex)` says whether a kustomization gives that document its namespace.
    private func checkFile(_ file: URL, unjudged: inout Int, isPlaced: (Int) -> Bool) -> [CheckFinding] {
        let name = relative(file)
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(file.path)
        } catch {
            return [CheckFinding(rule: .unreadableManifest, severity: .error, file: name, message: "\(error)")]
        }
        let stream: ManifestStream
        do {
            stream = try ManifestStream(bytes: bytes)
        } catch {
            // A template (Helm's `{{ }}`) is often not YAML: a warning. A broken manifest, text
            // that is not UTF-8, or an input over a safety limit is an error.
            if TemplateFile.looksLikeTemplate(bytes) {
                return [CheckFinding(rule: .unreadableManifest, severity: .warning, file: name, message: TemplateFile.notChecked)]
            }
            return [CheckFinding(rule: .unreadableManifest, severity: .error, file: name, documentIndex: error.documentIndex,
                                 mark: error.mark, message: "\(ManifestError(error.reason))")]
        }
        if TemplateFile.isTemplate(bytes, parsed: stream.documents.map(\.node)) {
            return [CheckFinding(rule: .unreadableManifest, severity: .warning, file: name, message: TemplateFile.notChecked)]
        }
        var findings: [CheckFinding] = []
        for document in stream.documents {
            switch document.kind {
            case "Secret": findings += plainSecret(document, file: file)
            case "SealedSecret": findings += sealedSecret(document, file: file, namespaceSupplied: isPlaced(document.index), unjudged: &unjudged)
            default: break
            }
        }
        return findings
    }

    private func plainSecret(_ document: ManifestDocument, file: URL) -> [CheckFinding] {
        let node = document.node
        let hasValues = [node["data"], node["stringData"]].contains { value in
            guard let value, let pairs = value.mapping else { return false }
            return !pairs.isEmpty
        }
        guard hasValues, node["metadata"]?["annotations"]?[Self.allowPlainSecretAnnotation]?.scalar?.value != "true",
              !isAllowListed(file) else { return [] }
        let name = node["metadata"]?["name"]?.scalar?.value ?? "unnamed"
        return [CheckFinding(rule: .plainSecret, severity: .error, file: relative(file), documentIndex: document.index, mark: document.mark,
                             message: "the Secret \(name) holds plain values (\(keys(of: node).joined(separator: ", "))); seal it instead")]
    }

    private func keys(of secret: YAMLNode) -> [String] {
        ((secret["data"]?.mapping ?? []) + (secret["stringData"]?.mapping ?? [])).compactMap { $0.key.scalar?.value }.sorted()
    }

    private func isAllowListed(_ file: URL) -> Bool {
        let path = relative(file)
        return options.allowedPlainSecretGlobs.contains { glob in
            POSIX.matches(glob: glob, glob.contains("/") ? path : file.lastPathComponent)
        }
    }

    private func sealedSecret(_ document: ManifestDocument, file: URL, namespaceSupplied: Bool, unjudged: inout Int) -> [CheckFinding] {
        let name = relative(file)
        var findings = SealedSecretValidator().validate(document.node, options: document.decodingOptions, namespaceSupplied: namespaceSupplied).map { problem in
            CheckFinding(rule: .malformedSealedSecret, severity: problem.severity, file: name, documentIndex: document.index,
                         mark: problem.mark ?? document.mark, message: problem.detail)
        }
        guard !findings.contains(where: { $0.severity == .error }), let sealed = try? SealedSecret(document: document) else { return findings }

        // Template data must refer to keys the SealedSecret holds.
        for (key, source) in sealed.spec.template.data.sorted(by: { $0.key < $1.key }) {
            guard let template = try? GoTemplate(source) else { continue }
            for referenced in template.referencedKeys where sealed.spec.encryptedData[referenced] == nil {
                findings.append(CheckFinding(rule: .missingKey, severity: .error, file: name, documentIndex: document.index,
                                             mark: document.node["spec"]?["template"]?["data"]?[key]?.mark,
                                             message: "spec.template.data.\(key) refers to \(referenced), which the SealedSecret does not hold"))
            }
        }

        // Values must be sealed for the certificate that applies here.
        guard let pinned = certificate(for: file) else { return findings }
        let (mismatches, judged) = pinned.mismatches(of: sealed, known: options.certificates)
        if !judged { unjudged += 1 }
        let marks = mismatches.isEmpty ? [:] : document.node["spec"]?["encryptedData"]?.marksByKey ?? [:]
        findings += mismatches.map { mismatch in
            CheckFinding(rule: .wrongCertificate, severity: .error, file: name, documentIndex: document.index,
                         mark: mismatch.encryptedDataKey.flatMap { marks[$0] } ?? document.mark, message: mismatch.message)
        }
        return findings
    }

    private func certificate(for file: URL) -> PinnedCertificate? {
        let path = file.standardizedFileURL.path
        let matching = options.certificates.filter { entry in
            guard let folder = entry.folder else { return true }
            return path.hasPrefix(folder.standardizedFileURL.path + "/")
        }
        return matching.max { ($0.folder?.path.count ?? -1) < ($1.folder?.path.count ?? -1) }
    }

    private func certificateExpiry() -> [CheckFinding] {
        options.certificates.compactMap { entry in
            let certificate = entry.certificate
            let place = entry.folder.map { relative($0) } ?? "the certificate"
            let expiry = certificate.notValidAfter.iso8601Text
            if certificate.isExpired(at: options.now) {
                return CheckFinding(rule: .wrongCertificate, severity: .error, file: place, message: "the certificate \(certificate.keyFingerprint) expired on \(expiry)")
            }
            let days = certificate.daysUntilExpiry(from: options.now)
            if days < 30 {
                return CheckFinding(rule: .wrongCertificate, severity: .warning, file: place, message: "the certificate \(certificate.keyFingerprint) expires in \(days) days (\(expiry))")
            }
            return nil
        }
    }

    // MARK: Per kustomization

    /// A base (`isBase`: another checked kustomization includes it) is not expected to provide
    /// the Secrets its workloads read: its overlays do, and are judged for it.
    private func checkKustomization(_ folder: URL, _ result: Result<KustomizeOverlay, any Error>, isBase: Bool) -> [CheckFinding] {
        let overlay: KustomizeOverlay
        do {
            overlay = try result.get()
        } catch {
            let file = KustomizeOverlay.kustomizationFile(in: folder) ?? folder
            return [CheckFinding(rule: .unreadableManifest, severity: .warning, file: relative(file), mark: (error as? ManifestError)?.mark,
                                 message: "cannot follow the kustomization: \(relativePaths(in: error))")]
        }
        let kustomization = relative(KustomizeOverlay.kustomizationFile(in: folder) ?? folder)
        var findings: [CheckFinding] = []
        for repeated in overlay.kustomization.repeatedKeys {
            findings.append(CheckFinding(rule: .repeatedKustomizationKey, severity: .warning, file: kustomization, mark: repeated.later,
                                         message: "\(repeated.key) is given twice, on line \(repeated.first.line) and on line \(repeated.later.line); kustomize uses line \(repeated.later.line)'s and ignores line \(repeated.first.line)'s"))
        }
        let sealedResources = overlay.resources.filter { $0.kind == "SealedSecret" }
        for resource in sealedResources {
            guard let sealed = try? SealedSecret(node: resource.node) else { continue }
            let namespace = sealed.metadata.namespace ?? ""
            let moved = resource.finalNamespace != nil && resource.finalNamespace != namespace && !namespace.isEmpty
            let renamed = resource.finalName != resource.name
            let location = "\(resource.name) in \(namespace.isEmpty ? "no namespace" : namespace)"
            var problem: String?
            switch sealed.scope {
            case .strict where moved || renamed:
                problem = "\(kustomization) turns the strict SealedSecret \(location) into \(resource.finalName) in \(resource.finalNamespace ?? namespace)"
            case .namespaceWide where moved:
                problem = "\(kustomization) moves the namespace-wide SealedSecret \(location) to namespace \(resource.finalNamespace ?? namespace)"
            default: break
            }
            if let problem {
                findings.append(CheckFinding(rule: .scopeBrokenByKustomize, severity: .error, file: relative(resource.file), documentIndex: resource.documentIndex,
                                             mark: resource.mark, message: problem + "; it would not decrypt in the cluster"))
            }
        }
        // Workloads must find every key they read (non-optionally) in the SealedSecret of that name.
        let byFinalName = Dictionary(sealedResources.map { ($0.finalName, $0) }, uniquingKeysWith: { first, _ in first })
        let providedNames = Set(overlay.resources.filter { $0.kind == "Secret" || $0.kind == "SealedSecret" }.flatMap { [$0.finalName, $0.name] })
        var unprovided: [String: [String]] = [:]
        for workload in overlay.workloads {
            for reference in workload.references where !reference.isOptional && !providedNames.contains(reference.secretName) {
                unprovided[reference.secretName, default: []].append(workload.resource.finalName)
            }
        }
        for (secretName, readers) in unprovided.sorted(by: { $0.key < $1.key }) where !isBase {
            findings.append(CheckFinding(rule: .missingKey, severity: .warning, file: kustomization,
                                         message: "\(Set(readers).sorted().joined(separator: ", ")) read\(Set(readers).count == 1 ? "s" : "") the Secret \(secretName), which nothing in this kustomization provides"))
        }
        for workload in overlay.workloads {
            for reference in workload.references where !reference.isOptional {
                guard let key = reference.key, let target = byFinalName[reference.secretName] ?? byFinalName[overlayName(reference.secretName, overlay)],
                      let sealed = try? SealedSecret(node: target.node) else { continue }
                let produced = Set(sealed.spec.encryptedData.keys).union(sealed.spec.template.data.keys)
                if !produced.contains(key) {
                    findings.append(CheckFinding(rule: .missingKey, severity: .error, file: relative(workload.resource.file), documentIndex: workload.resource.documentIndex,
                                                 mark: workload.resource.mark,
                                                 message: "\(workload.resource.kind) \(workload.resource.finalName) reads key \(key) of \(reference.secretName) (\(reference.field)), which the SealedSecret in \(relative(target.file)) does not hold"))
                }
            }
        }
        return findings
    }

    /// The name a reference ends up with when kustomize renames it along with its Secret.
    private func overlayName(_ name: String, _ overlay: KustomizeOverlay) -> String {
        (overlay.kustomization.namePrefix ?? "") + name + (overlay.kustomization.nameSuffix ?? "")
    }
}
