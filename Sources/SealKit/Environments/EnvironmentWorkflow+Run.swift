#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitCrypto

extension EnvironmentWorkflow {
    /// Where a key's value comes from, when neither the config nor a values file gives it.
    public typealias ValueSource = (_ key: KeySpec, _ prompt: PromptSpec) throws -> [UInt8]

    /// What one run sealed, for the summary a user sees. Never holds a secret value.
    public struct Outcome: Sendable {
        public var environment: EnvironmentConfig
        public var namespace: String
        public var sealedKeys: [String]
        public var keptKeys: [String]
        /// `KEY=value` for generated values that are not secret (user names), to show.
        public var shownValues: [String]
        public var certificate: Certificate
        public var addedToKustomization: Bool
        public var nextCommands: [String]
        public var rotated: Bool

        /// The summary: what was sealed, with what, where, and the commands that come next.
        public var summary: String {
            let output = EnvironmentWorkflow.displayPath(environment.outputURL)
            var text = """
            \(environment.displayName): sealed \(sealedKeys.count) key\(sealedKeys.count == 1 ? "" : "s") for \(namespace)/\(environment.secretName) (\(environment.scope))
              certificate: \(certificate.keyFingerprint), RSA \(certificate.keyBitCount), expires \(certificate.notValidAfter.iso8601DateText)
              written:     \(output)\(addedToKustomization ? " (added to kustomization.yaml)" : "")
              sealed:      \(sealedKeys.joined(separator: ", "))

            """
            if !keptKeys.isEmpty { text += "  kept:        \(keptKeys.joined(separator: ", "))\n" }
            if !shownValues.isEmpty { text += "  usernames:   \(shownValues.joined(separator: ", "))\n" }
            text += "  next:\n" + nextCommands.map { "    \($0)\n" }.joined()
            if rotated { text += "  remember: give the database or broker the new credentials too, before restarting the workloads\n" }
            return text
        }
    }

    /// What `plan` would do, without doing it.
    public func dryRunSummary(_ plan: Plan) -> String {
        """
        \(environment.displayName): would seal \(plan.keysToSeal.count) key\(plan.keysToSeal.count == 1 ? "" : "s") for \(namespace)/\(environment.secretName) into \(Self.displayPath(environment.outputURL))
          seal: \(plan.keysToSeal.map(\.name).joined(separator: ", "))
          keep: \(plan.keptKeys.isEmpty ? "(none)" : plan.keptKeys.joined(separator: ", "))

        """
    }

    /// The prompted keys of `plan` that `given` has no value for: without a terminal to ask on,
    /// these make the run fail before anything is generated or sealed.
    public func missingPromptedValues(_ plan: Plan, given: (String) -> String?) -> [String] {
        plan.keysToSeal.filter { if case .prompted = $0.source { return true } else { return false } }.map(\.name).filter { given($0) == nil }
    }

    /// Makes every value of `plan` (from `given`, then the config, then `ask` for prompted
    /// keys), seals them with `certificate`, writes the overlay's sealed file and adds it to the
    /// kustomization. `command` is recorded in the file's header. Values are wiped afterwards.
    public func run(_ plan: Plan, certificate: Certificate, command: String, rotating: Bool = false,
                    given: (String) -> String? = { _ in nil }, ask: ValueSource) throws -> Outcome {
        var made: [String: [UInt8]] = [:]
        defer { SecureMemory.wipe(&made) }
        return try run(plan, certificate: certificate, command: command, rotating: rotating, given: given, sharing: &made, ask: ask)
    }

    /// ``run(_:certificate:command:rotating:given:ask:)`` with the values made for another
    /// cluster of the same environment: a key already in `shared` takes that value (nothing is
    /// asked or generated twice), and each value made here is added to it. The caller wipes it.
    public func run(_ plan: Plan, certificate: Certificate, command: String, rotating: Bool = false,
                    given: (String) -> String? = { _ in nil }, sharing shared: inout [String: [UInt8]], ask: ValueSource) throws -> Outcome {
        var values: [String: [UInt8]] = [:]
        defer { SecureMemory.wipe(&values) }
        var shown: [String] = []
        for key in plan.keysToSeal {
            if let value = shared[key.name] {
                values[key.name] = value
                continue
            }
            defer { if let value = values[key.name] { shared[key.name] = value } }
            if let value = given(key.name) {
                values[key.name] = Array(value.utf8)
            } else if let value = try automaticValue(for: key) {
                values[key.name] = value
                if case .generated = key.source, !key.isSecret { shown.append("\(key.name)=\(String(decoding: value, as: UTF8.self))") }
            } else if case .prompted(let spec) = key.source {
                values[key.name] = try ask(key, spec)
            }
        }
        let sealed = try seal(plan, values: values, certificate: certificate)
        let added = try write(sealed, from: plan, certificate: certificate, command: command)
        return Outcome(environment: environment, namespace: namespace, sealedKeys: plan.keysToSeal.map(\.name), keptKeys: plan.keptKeys,
                       shownValues: shown, certificate: certificate, addedToKustomization: added, nextCommands: nextCommands, rotated: rotating)
    }
}
