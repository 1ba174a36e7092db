import Foundation
import Testing
import TestSupport
@testable import SealKit

/// An environment that spans two clusters (production in eu and us) on a copy of SmartEM's
/// tree: asked once, sealed for each cluster's certificate into its own overlay, and checked
/// cluster by cluster.
@Suite("environments that span clusters")
struct MultiClusterEnvironmentTests {
    /// The SmartEM tree with a second production overlay (us), a key pair per cluster, and a
    /// sealctl.yaml whose production spans both.
    static func makeProject(in directory: URL) throws -> URL {
        let project = directory.appendingPathComponent("smartem")
        try FileManager.default.copyItem(at: TestFixtures.smartemTree(), to: project)
        let environments = project.appendingPathComponent("k8s/environments")
        try FileManager.default.copyItem(at: environments.appendingPathComponent("production"), to: environments.appendingPathComponent("production-us"))
        for cluster in ["eu", "us"] {
            let keys = directory.appendingPathComponent("keys/\(cluster)")
            let result = try Sealctl.run(["keys", "generate", "--bits", "2048", "--cn", "prod-\(cluster)", "--out", keys.path])
            #expect(result.status == 0, "\(result.stderr)")
            try FileManager.default.createDirectory(at: project.appendingPathComponent("certs/\(cluster)"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: keys.appendingPathComponent("tls.crt"), to: project.appendingPathComponent("certs/\(cluster)/tls.crt"))
        }
        try project.appendingPathComponent("sealctl.yaml").write("""
        secretName: smartem-secrets
        environments:
          production:
            clusters:
              eu: {overlay: k8s/environments/production, certificate: certs/eu/tls.crt}
              us: {overlay: k8s/environments/production-us, certificate: certs/us/tls.crt}
            keys:
              POSTGRES_USER: {prompt: {hidden: false}}
              POSTGRES_PASSWORD: {prompt: {minLength: 16}}
              POSTGRES_HOST: {value: db.internal}
              POSTGRES_PORT: {value: "5432"}
              POSTGRES_DB: {value: smartem_db}
              RABBITMQ_USER: {generate: {prefix: mq_, length: 8, alphabet: lowercase-alphanumeric}, secret: false}
              RABBITMQ_PASSWORD: {generate: {length: 32}}
              RABBITMQ_HOST: {value: mq.internal}
              RABBITMQ_PORT: {value: "5672"}
              RABBITMQ_EXCHANGE: {value: smartem}

        """)
        return project
    }

    static func opened(_ project: URL, overlay: String, key: String) throws -> Sealctl.Result {
        try Sealctl.run(["unseal", "--key", key, "-f", project.appendingPathComponent("k8s/environments/\(overlay)/secrets.yaml").path])
    }

    @Test("generate asks once per key on a terminal and writes both clusters' overlays, each sealed for its own certificate",
          .enabled(if: Tools.pexpect, "python3 with pexpect is needed to drive a pseudo-terminal"))
    func promptsOnce() throws {
        let python = try #require(ExternalTool.find("python3"))
        try withTemporaryDirectory { directory in
            let project = try Self.makeProject(in: directory)
            let transcript = directory.appendingPathComponent("transcript")
            let script = """
            import pexpect, sys
            child = pexpect.spawn(sys.argv[1], ["generate", "production"], cwd=sys.argv[2], encoding="utf-8", timeout=60,
                                  env={"HOME": sys.argv[3], "PATH": "/usr/bin:/bin"})
            log = open(sys.argv[4], "w"); child.logfile_read = log
            child.expect_exact("production POSTGRES_USER: "); child.sendline("pg-typed-user")
            child.expect_exact("production POSTGRES_PASSWORD: "); child.sendline("typed-secret-multi-1234")
            child.expect_exact("production POSTGRES_PASSWORD (again): "); child.sendline("typed-secret-multi-1234")
            child.expect(pexpect.EOF); child.close()
            sys.exit(child.exitstatus)
            """
            let result = try ExternalTool.run(python, ["-c", script, Sealctl.binary.path, project.path, Sealctl.isolatedHome.path, transcript.path])
            #expect(result.status == 0, "\(result.output)\(result.errorOutput)")
            let seen = try transcript.read()
            #expect(seen.components(separatedBy: "production POSTGRES_PASSWORD: ").count == 2 && seen.components(separatedBy: "production POSTGRES_USER: ").count == 2, "\(seen)")
            #expect(!seen.contains("typed-secret-multi-1234"))
            #expect(seen.contains("production/eu: sealed 10 keys") && seen.contains("production/us: sealed 10 keys"), "\(seen)")

            let eu = try Self.opened(project, overlay: "production", key: directory.appendingPathComponent("keys/eu/tls.key").path)
            let us = try Self.opened(project, overlay: "production-us", key: directory.appendingPathComponent("keys/us/tls.key").path)
            #expect(eu.status == 0 && us.status == 0, "\(eu.stderr)\(us.stderr)")
            let euValues = try Secret(document: ManifestStream(text: eu.stdout).documents[0]).data
            let usValues = try Secret(document: ManifestStream(text: us.stdout).documents[0]).data
            #expect(euValues == usValues && euValues["POSTGRES_PASSWORD"] == Data("typed-secret-multi-1234".utf8))
            #expect(try Self.opened(project, overlay: "production-us", key: directory.appendingPathComponent("keys/eu/tls.key").path).status == 1)

            if let kubectl = ExternalTool.find("kubectl") {
                for overlay in ["production", "production-us"] {
                    let rendered = try ExternalTool.run(kubectl, ["kustomize", project.appendingPathComponent("k8s/environments/\(overlay)").path])
                    #expect(rendered.status == 0 && rendered.output.contains("kind: SealedSecret"), "\(rendered.errorOutput)")
                }
            }
        }
    }

    @Test("check: a cluster's overlay holding a SealedSecret sealed for the other cluster fails, naming the environment, the cluster and both keys")
    func wrongClusterCaught() throws {
        try withTemporaryDirectory { directory in
            let project = try Self.makeProject(in: directory)
            let values = directory.appendingPathComponent("values.yaml")
            try values.write("production: {POSTGRES_USER: pg, POSTGRES_PASSWORD: a-long-enough-secret}\n")
            // `all` covers every cluster of every environment.
            let generated = try Sealctl.run(["generate", "all", "--values-file", values.path], directory: project)
            #expect(generated.status == 0, "\(generated.stderr)")
            #expect(generated.stdout.contains("production/eu: sealed") && generated.stdout.contains("production/us: sealed"), "\(generated.stdout)")
            let clean = try Sealctl.run(["check", "k8s/environments"], directory: project)
            #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")

            // The eu file committed into the us overlay: the kube-context mistake.
            let us = project.appendingPathComponent("k8s/environments/production-us/secrets.yaml")
            try FileManager.default.removeItem(at: us)
            try FileManager.default.copyItem(at: project.appendingPathComponent("k8s/environments/production/secrets.yaml"), to: us)
            let wrong = try Sealctl.run(["check", "k8s/environments"], directory: project)
            #expect(wrong.status == 1, "\(wrong.stdout)")
            let eu = try Certificate(pemRepresentation: project.appendingPathComponent("certs/eu/tls.crt").read())
            let usCertificate = try Certificate(pemRepresentation: project.appendingPathComponent("certs/us/tls.crt").read())
            let line = wrong.stdout.split(separator: "\n").first { $0.contains("[wrong-certificate]") } ?? ""
            #expect(line.contains("k8s/environments/production-us/secrets.yaml"), "\(wrong.stdout)")
            #expect(line.contains("sealed for key \(eu.keyFingerprint), the certificate of environment production, cluster eu"), "\(line)")
            #expect(line.contains("but the certificate of environment production, cluster us is \(usCertificate.keyFingerprint) (subject CN=prod-us"), "\(line)")

            // validate --cert judges the file alone the same way, and check and validate agree again once it is fixed.
            let alone = try Sealctl.run(["validate", "--cert", "certs/us/tls.crt", us.path], directory: project)
            #expect(alone.status == 1, "\(alone.stdout)\(alone.stderr)")
            #expect(alone.stdout.contains("sealed for key \(eu.keyFingerprint), but the certificate given is \(usCertificate.keyFingerprint) (subject CN=prod-us"), "\(alone.stdout)")
            #expect(try Sealctl.run(["validate", "--cert", "certs/eu/tls.crt", us.path], directory: project).status == 0)
            let fixed = try Sealctl.run(["generate", "production", "--force", "--values-file", values.path], directory: project)
            #expect(fixed.status == 0, "\(fixed.stderr)")
            #expect(try Sealctl.run(["check", "k8s/environments"], directory: project).status == 0)
            let valid = try Sealctl.run(["validate", "--cert", "certs/us/tls.crt", us.path], directory: project)
            #expect(valid.status == 0 && valid.stderr.contains("1 SealedSecret checked: 0 errors"), "\(valid.stdout)\(valid.stderr)")
        }
    }

    @Test("validate --cert counts the SealedSecrets that record no fingerprint, and still judges their key size")
    func validateWithoutFingerprint() throws {
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("kubeseal.yaml")
            let secret = "apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: ns}\ndata: {a: Yg==}\n"
            let sealed = try Sealctl.run(["seal", "--cert", try VectorKey.certificate], input: secret)
            #expect(sealed.status == 0, "\(sealed.stderr)")
            try file.write(sealed.stdout)
            let same = try Sealctl.run(["validate", "--cert", try VectorKey.certificate, file.path])
            #expect(same.status == 0 && same.stderr.contains("1 records no key fingerprint"), "\(same.stderr)")
            let small = try KeyPair.generate(bitCount: 2048)
            let smallCertificate = directory.appendingPathComponent("small.crt")
            try smallCertificate.write(small.certificate.pemRepresentation)
            let other = try Sealctl.run(["validate", "--cert", smallCertificate.path, file.path])
            #expect(other.status == 1 && other.stdout.contains("a was sealed for a 4096-bit key, but the certificate given is 2048-bit"), "\(other.stdout)")
            let missing = try Sealctl.run(["validate", "--cert", directory.appendingPathComponent("none.crt").path, file.path])
            #expect(missing.status != 0 && missing.stderr.contains("none.crt"), "\(missing.stderr)")
        }
    }
}
