#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
import SealKitCrypto

extension RepositoryChecker {
    /// The checks behind a pre-commit hook or a CI step, run from `folder`: `paths` (default:
    /// the git work tree around `folder`, else `folder`), with every SealedSecret held to the
    /// certificate in `certificateFile`, or else to each environment's committed certificate of
    /// the project config (`configPath`, or the nearest `sealctl.yaml`).
    public static func report(paths: [String], allowedPlainSecretGlobs: [String] = [], certificateFile: String? = nil,
                              configPath: String? = nil, in folder: URL) throws -> CheckReport {
        let certificates: [PinnedCertificate]
        if let certificateFile {
            certificates = [PinnedCertificate(folder: nil, certificate: try Certificate(pemRepresentation: FileBytes.text(certificateFile)))]
        } else {
            certificates = try ProjectConfig.load(path: configPath, searchingFrom: folder)?.committedCertificates().map { environment, certificate in
                PinnedCertificate(folder: environment.overlay, certificate: certificate,
                                  owner: "environment \(environment.name)" + (environment.cluster.map { ", cluster \($0)" } ?? ""))
            } ?? []
        }
        let checked = paths.isEmpty ? [(repositoryRoot(around: folder) ?? folder).path] : paths
        let options = Options(allowedPlainSecretGlobs: allowedPlainSecretGlobs, certificates: certificates)
        return try RepositoryChecker(root: folder, options: options).report(paths: checked)
    }
}
