#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitCrypto
import SealKitModel

/// Explains why a sealed value does not open, so that "no key could decrypt secret" is never
/// the whole story: a recorded key that is not in the keyring, a value sealed for another key
/// size, or a value that opens under another scope's label (sealed namespace-wide, cluster-wide,
/// or for another name or namespace the document mentions).
package struct UnsealDiagnosis {
    package let keyring: Keyring

    package init(keyring: Keyring) { self.keyring = keyring }

    /// A reason for `value` failing under `sealed`'s own label.
    package func explain(_ value: [UInt8], in sealed: SealedSecret, basicReason: String) -> String {
        var reasons: [String] = []
        if let recorded = sealed.recordedKeyFingerprint, keyring.key(for: recorded) == nil {
            reasons.append("it was sealed for key \(recorded), which is not among the \(keyring.keys.count) key\(keyring.keys.count == 1 ? "" : "s") given")
        }
        guard let layout = try? SealedValue(bytes: value) else { return ([basicReason] + reasons).joined(separator: "; ") }
        let sizedKeys = keyring.keys.filter { $0.publicKey.ciphertextByteCount == layout.keyBlock.count }
        guard !sizedKeys.isEmpty else { return ([basicReason] + reasons).joined(separator: "; ") }

        for (description, label) in alternativeLabels(for: sealed) {
            if (try? HybridCipher.open(value, with: sizedKeys, label: label)) != nil {
                reasons.append("it opens when read as \(description)")
                return (["no key could decrypt secret under its \(sealed.scope) scope"] + reasons).joined(separator: "; ")
            }
        }
        if reasons.isEmpty {
            let keys = sizedKeys.count == 1 ? "the \(sizedKeys[0].bitCount)-bit key given" : "any of the \(sizedKeys.count) keys given"
            return "no key could decrypt secret: it does not open with \(keys) under any scope, so it was sealed for another key (another cluster's certificate?) or altered"
        }
        return ([basicReason] + reasons).joined(separator: "; ")
    }

    /// Labels the value may have been sealed with instead, with a description of each.
    func alternativeLabels(for sealed: SealedSecret) -> [(String, [UInt8])] {
        let name = sealed.metadata.name ?? "", namespace = sealed.metadata.namespace ?? ""
        let templateName = sealed.spec.template.metadata.name ?? name
        let templateNamespace = sealed.spec.template.metadata.namespace ?? namespace
        var candidates: [(String, [UInt8])] = [
            ("cluster-wide (add the annotation \(SealingScope.clusterWideAnnotation): \"true\")", SealingScope.clusterWide.label(namespace: "", name: "")),
            ("namespace-wide in \(namespace) (add the annotation \(SealingScope.namespaceWideAnnotation): \"true\")", SealingScope.namespaceWide.label(namespace: namespace, name: "")),
            ("strict for \(namespace)/\(name) (remove the scope annotations)", SealingScope.strict.label(namespace: namespace, name: name)),
        ]
        if templateNamespace != namespace || templateName != name {
            candidates.append(("strict for \(templateNamespace)/\(templateName), the name in its template: it was renamed or moved after sealing",
                               SealingScope.strict.label(namespace: templateNamespace, name: templateName)))
            candidates.append(("namespace-wide in \(templateNamespace), the namespace in its template: it was moved after sealing",
                               SealingScope.namespaceWide.label(namespace: templateNamespace, name: "")))
        }
        let actual = sealed.scope.label(namespace: namespace, name: name)
        var seen: Set<[UInt8]> = [actual]
        return candidates.filter { seen.insert($0.1).inserted }
    }
}
