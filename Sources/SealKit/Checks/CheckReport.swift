#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport
import SealKitSerialization

/// Findings written as text, JSON, or SARIF 2.1.0 (for code-scanning tools).
public struct CheckReport: Sendable {
    /// Output formats.
    public enum Format: String, Sendable, CaseIterable {
        case text, json, sarif
    }

    /// The findings, sorted by file and position.
    public let findings: [CheckFinding]
    /// How many files were read.
    public let fileCount: Int
    /// SealedSecrets under a pinned certificate that record no key fingerprint (kubeseal writes
    /// none): only their key size could be held against the certificate.
    public let unjudgedCount: Int

    /// A report of `findings` over `fileCount` files.
    public init(findings: [CheckFinding], fileCount: Int, unjudgedCount: Int = 0) {
        self.findings = findings
        self.fileCount = fileCount
        self.unjudgedCount = unjudgedCount
    }

    /// Findings of error level.
    public var errorCount: Int { findings.filter { $0.severity == .error }.count }
    /// Findings of warning level.
    public var warningCount: Int { findings.filter { $0.severity == .warning }.count }

    /// The report in `format`.
    /// `help` words each rule's remedy (SARIF's help text); by default in words that name no
    /// tool's flags.
    public func rendered(as format: Format, help: (CheckRule) -> String = { $0.help }) -> String {
        switch format {
        case .text: return text
        case .json: return JSONWriter.write(jsonNode) + "\n"
        case .sarif: return JSONWriter.write(sarifNode(help: help)) + "\n"
        }
    }

    /// `file:line:column: severity: message [rule] (document N)` per finding, then a summary.
    public var text: String {
        var lines = findings.map { finding -> String in
            let position = finding.mark.map { ":\($0.line):\($0.column)" } ?? ""
            let document = finding.documentIndex.map { " (document \($0 + 1))" } ?? ""
            return "\(finding.file)\(position): \(finding.severity.rawValue): \(finding.message) [\(finding.rule.rawValue)]\(document)"
        }
        if unjudgedCount > 0 {
            lines.append("note: \(unjudgedCount) SealedSecret\(unjudgedCount == 1 ? "" : "s") under a pinned certificate record\(unjudgedCount == 1 ? "s" : "") no key fingerprint (kubeseal writes none): judged by key size only")
        }
        lines.append("\(fileCount) file\(fileCount == 1 ? "" : "s") checked: \(errorCount) error\(errorCount == 1 ? "" : "s"), \(warningCount) warning\(warningCount == 1 ? "" : "s")")
        return lines.joined(separator: "\n") + "\n"
    }

    private var jsonNode: YAMLNode {
        .mapping([
            ("findings", .sequence(findings.map { finding in
                var fields: [(String, YAMLNode)] = [("rule", .string(finding.rule.rawValue)), ("severity", .string(finding.severity.rawValue)),
                                                    ("file", .string(finding.file))]
                if let index = finding.documentIndex { fields.append(("document", .int(index + 1))) }
                if let mark = finding.mark { fields += [("line", .int(mark.line)), ("column", .int(mark.column))] }
                fields.append(("message", .string(finding.message)))
                return .mapping(fields)
            })),
            ("summary", .mapping([("files", .int(fileCount)), ("errors", .int(errorCount)), ("warnings", .int(warningCount)),
                                  ("notJudgedForCertificate", .int(unjudgedCount))])),
        ])
    }

    private func sarifNode(help: (CheckRule) -> String) -> YAMLNode {
        let rules = CheckRule.allCases.map { rule in
            YAMLNode.mapping([
                ("id", .string(rule.rawValue)),
                ("shortDescription", .mapping([("text", .string(rule.summary))])),
                ("help", .mapping([("text", .string(help(rule)))])),
            ])
        }
        let results = findings.map { finding -> YAMLNode in
            var physical: [(String, YAMLNode)] = [("artifactLocation", .mapping([("uri", .string(finding.file))]))]
            if let mark = finding.mark {
                physical.append(("region", .mapping([("startLine", .int(mark.line)), ("startColumn", .int(mark.column))])))
            }
            return .mapping([
                ("ruleId", .string(finding.rule.rawValue)),
                ("ruleIndex", .int(CheckRule.allCases.firstIndex(of: finding.rule) ?? 0)),
                ("level", .string(finding.severity == .error ? "error" : "warning")),
                ("message", .mapping([("text", .string(finding.message))])),
                ("locations", .sequence([.mapping([("physicalLocation", .mapping(physical))])])),
            ])
        }
        return .mapping([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .sequence([.mapping([
                ("tool", .mapping([("driver", .mapping([
                    ("name", .string("sealctl")),
                    ("version", .string(SealKitVersion.current)),
                    ("informationUri", .string("https://github.com/bitnami-labs/sealed-secrets")),
                    ("rules", .sequence(rules)),
                ]))])),
                ("results", .sequence(results)),
            ])])),
        ])
    }
}
