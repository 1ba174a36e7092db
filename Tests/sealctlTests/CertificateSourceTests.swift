import Foundation
import Testing
import TestSupport
@testable import SealKit

@Suite("Certificate sources: files, URLs and the cluster through kubectl")
struct CertificateSourceTests {
    static let secretInput = "apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: n}\nstringData: {k: v}\n"

    @Test("an expired certificate is refused with its expiry date")
    func expiredCertificate() throws {
        try withTemporaryDirectory { directory in
            let key = try RSAPrivateKey.generate(bitCount: 2048)
            let expired = try Certificate.selfSigned(for: key, validity: 86400, now: Date(timeIntervalSince1970: 1_700_000_000))
            let file = directory.appendingPathComponent("expired.crt")
            try file.write(expired.pemRepresentation)
            let result = try Sealctl.run(["seal", "--cert", file.path], input: Self.secretInput)
            #expect(result.status == 1)
            #expect(result.stderr == "error: the sealing certificate expired on 2023-11-15; fetch the controller's current certificate\n")
            #expect(result.stdout.isEmpty)
            let info = try Sealctl.run(["cert", "--cert", file.path, "--info"])
            #expect(info.stdout.contains("status:              EXPIRED"))
        }
    }

    @Test("a file:// URL, and a certificate that is not one")
    func fileURLs() throws {
        let viaURL = try Sealctl.run(["seal", "--cert", "file://" + VectorKey.certificate], input: Self.secretInput)
        #expect(viaURL.status == 0, "\(viaURL.stderr)")
        let notACertificate = try Sealctl.run(["seal", "--cert", VectorKey.privateKey], input: Self.secretInput)
        #expect(notACertificate.status == 1)
        #expect(notACertificate.stderr.contains("no CERTIFICATE block found"))
        let missing = try Sealctl.run(["seal", "--cert", "/nonexistent/tls.crt"], input: Self.secretInput)
        #expect(missing.stderr == "error: cannot read the certificate file /nonexistent/tls.crt\n")
        let remoteHTTP = try Sealctl.run(["seal", "--cert", "http://example.com/cert.pem"], input: Self.secretInput)
        #expect(remoteHTTP.stderr.contains("refusing to fetch a sealing certificate over plain http from a remote host"))
    }

    @Test("an https:// URL served by a loopback HTTPS server", .enabled(if: Tools.openssl && Tools.python3, "openssl or python3 is not installed"))
    func httpsURL() throws {
        let openssl = try #require(ExternalTool.find("openssl")), python = try #require(ExternalTool.find("python3"))
        try withTemporaryDirectory { directory in
            func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
            // A CA, and a server certificate for 127.0.0.1 signed by it.
            try ExternalTool.run(openssl, ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", path("ca.key"), "-out", path("ca.crt"), "-subj", "/CN=test-ca", "-days", "1"])
            try ExternalTool.run(openssl, ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", path("server.key"), "-out", path("server.csr"), "-subj", "/CN=127.0.0.1"])
            try directory.appendingPathComponent("san.ext").write("subjectAltName=IP:127.0.0.1\n")
            try ExternalTool.run(openssl, ["x509", "-req", "-in", path("server.csr"), "-CA", path("ca.crt"), "-CAkey", path("ca.key"), "-CAcreateserial",
                                           "-out", path("server.crt"), "-days", "1", "-extfile", path("san.ext")])
            let webRoot = directory.appendingPathComponent("www")
            try webRoot.appendingPathComponent("v1/cert.pem").write(try TestFixtures.vectorText("key/tls.crt"))
            let script = """
            import http.server, ssl, functools, sys
            handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=sys.argv[1])
            server = http.server.HTTPServer(("127.0.0.1", 0), handler)
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(sys.argv[2], sys.argv[3])
            server.socket = context.wrap_socket(server.socket, server_side=True)
            print(server.server_address[1], flush=True)
            server.timeout = 20
            for _ in range(8):
                try: server.handle_request()
                except Exception: pass
            """
            let server = Process()
            server.executableURL = URL(fileURLWithPath: python)
            server.arguments = ["-c", script, webRoot.path, path("server.crt"), path("server.key")]
            let portPipe = Pipe()
            server.standardOutput = portPipe
            server.standardError = FileHandle.nullDevice
            try server.run()
            defer { server.terminate() }
            let portLine = String(decoding: portPipe.fileHandleForReading.availableData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let port = try #require(Int(portLine))

            let url = "https://127.0.0.1:\(port)/v1/cert.pem"
            let trusted = ["SSL_CERT_FILE": path("ca.crt")]
            let result = try Sealctl.run(["seal", "--cert", url], input: Self.secretInput, environment: trusted)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("kind: SealedSecret"))
            let info = try Sealctl.run(["cert", "--cert", url, "--info"], environment: trusted)
            #expect(info.stdout.contains("key fingerprint:     \(try TestFixtures.vectorText("key/fingerprint.txt").trimmingCharacters(in: .whitespacesAndNewlines))"))
            let missing = try Sealctl.run(["cert", "--cert", "https://127.0.0.1:\(port)/nope.pem"], environment: trusted)
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("HTTP 404"))
            // Without trusting the test CA the server is refused, and so is a name it is not for.
            let untrusted = try Sealctl.run(["cert", "--cert", url])
            #expect(untrusted.status == 1)
            #expect(untrusted.isOneErrorLine)
            #expect(untrusted.stderr.contains("certificate verify failed"))
            let wrongName = try Sealctl.run(["cert", "--cert", "https://localhost:\(port)/v1/cert.pem"], environment: trusted)
            #expect(wrongName.status == 1)
            #expect(wrongName.stderr.contains("certificate verify failed"))
        }
    }

    @Test("the cluster route runs `kubectl get --raw` through the service proxy with the user's flags")
    func kubectlRoute() throws {
        try withTemporaryDirectory { directory in
            let kubectl = try makeFakeKubectl(in: directory, stdout: try TestFixtures.vectorText("key/tls.crt"))
            let result = try Sealctl.run(["seal", "--context", "prod-cluster", "--kubeconfig", "/tmp/kc"], input: Self.secretInput, environment: ["PATH": kubectl.path])
            #expect(result.status == 0, "\(result.stderr)")
            let custom = try Sealctl.run(["cert", "--fetch", "--controller-name", "sealed-secrets", "--controller-namespace", "infra"], environment: ["PATH": kubectl.path])
            #expect(custom.stdout == (try TestFixtures.vectorText("key/tls.crt")))
            let viaEnvironment = try Sealctl.run(["cert"], environment: ["PATH": kubectl.path, "SEALED_SECRETS_CONTROLLER_NAME": "ss", "SEALED_SECRETS_CONTROLLER_NAMESPACE": "sec"])
            #expect(viaEnvironment.status == 0)
            #expect(try recordedCalls(kubectl.log) == [
                ["--context", "prod-cluster", "--kubeconfig", "/tmp/kc", "get", "--raw", "/api/v1/namespaces/kube-system/services/http:sealed-secrets-controller:/proxy/v1/cert.pem"],
                ["get", "--raw", "/api/v1/namespaces/infra/services/http:sealed-secrets:/proxy/v1/cert.pem"],
                ["get", "--raw", "/api/v1/namespaces/sec/services/http:ss:/proxy/v1/cert.pem"],
            ])
        }
    }

    @Test("a controller that is not found anywhere says what was searched, and which flags choose one")
    func controllerNotFound() throws {
        try withTemporaryDirectory { directory in
            let kubectl = try makeFakeKubectl(in: directory, stdout: "", stderr: "Error from server (NotFound): services \"sealed-secrets-controller\" not found", status: 1)
            let result = try Sealctl.run(["cert", "--fetch"], environment: ["PATH": kubectl.path])
            #expect(result.status == 1)
            #expect(result.isOneErrorLine)
            #expect(result.stderr.contains("cannot find the sealed-secrets controller: searched the service kube-system/sealed-secrets-controller"), "\(result.stderr)")
            #expect(result.stderr.contains(": pass --controller-name and --controller-namespace\n"))
            // Named, it is not searched for: the Helm chart's name is the hint.
            let named = try Sealctl.run(["cert", "--fetch", "--controller-name", "sealed-secrets-controller"], environment: ["PATH": kubectl.path])
            #expect(named.stderr.contains("its service is called \"sealed-secrets\": pass --controller-name sealed-secrets"), "\(named.stderr)")
            let noKubectl = try Sealctl.run(["cert", "--fetch"], environment: ["PATH": directory.path])
            #expect(noKubectl.stderr == "error: kubectl was not found on PATH; install kubectl, or give a certificate with --cert\n")
        }
    }

    @Test("cert --info describes the certificate")
    func certInfo() throws {
        let result = try Sealctl.run(["cert", "--cert", VectorKey.certificate, "--info"])
        #expect(result.status == 0)
        let fingerprint = try TestFixtures.vectorText("key/fingerprint.txt").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(result.stdout.contains("key:                 RSA 4096 bits"))
        #expect(result.stdout.contains("key fingerprint:     \(fingerprint)"))
        #expect(result.stdout.contains("subject:             (empty)"))
        #expect(result.stdout.contains("status:              valid, "))
    }
}

@Suite("sealctl validate and errors")
struct ValidateCommandTests {
    @Test("validate passes the vectors and reports each problem on one line with its place")
    func validate() throws {
        let clean = try Sealctl.run(["validate", TestFixtures.vectorURL("sealedsecrets").path])
        #expect(clean.status == 0, "\(clean.stdout)")
        #expect(clean.stderr == "8 SealedSecrets checked: 0 errors, 0 warnings\n")
        try withTemporaryDirectory { directory in
            let broken = directory.appendingPathComponent("broken.yaml")
            try broken.write("""
            apiVersion: bitnami.com/v1alpha1
            kind: SealedSecret
            metadata:
              name: db
            spec:
              encryptedData:
                password: AAEC
              template:
                immutable: "no"
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: ignored}
            """)
            let result = try Sealctl.run(["validate", directory.path])
            #expect(result.status == 1)
            let lines = result.stdout.split(separator: "\n").map(String.init)
            #expect(lines.contains { $0.hasPrefix("\(broken.path), document 1, line 9, column 16: error: spec.template.immutable: must be a boolean") })
            #expect(result.stderr == "1 SealedSecret checked: 1 error, 0 warnings\n")
            try broken.write(try TestFixtures.vectorText("sealedsecrets/db-creds.strict.sealedsecret.yaml"))
            let wrongKey = try Sealctl.run(["validate", "--key", TestFixtures.vectorURL("key-renewed/tls.key").path, broken.path])
            #expect(wrongKey.status == 1)
            #expect(wrongKey.stdout.contains("no key could decrypt secret"))
            let rightKey = try Sealctl.run(["validate", "--key", VectorKey.privateKey, broken.path])
            #expect(rightKey.status == 0)
        }
    }

    @Test("bad input gives one error line and a non-zero exit", arguments: [
        ("not: [valid", "error: stdin: document 1, line 2, column 1: did not find expected ',' or ']' while parsing a flow sequence\n"),
        ("apiVersion: v1\nkind: ConfigMap\n", "error: stdin: document 1, line 1, column 1: expected a Secret, found a ConfigMap\n"),
        ("apiVersion: v1\nkind: Secret\nmetadata: {name: x, namespace: y}\ndata: {k: '!!'}\n", "error: stdin: document 1, line 4, column 11: data.k: the value is not valid base64\n"),
    ])
    func badInput(input: String, expected: String) throws {
        let result = try Sealctl.run(["seal", "--cert", VectorKey.certificate], input: input)
        #expect(result.status == 1)
        #expect(result.stderr == expected)
        #expect(result.stdout.isEmpty)
    }

    @Test("every command has help with an example")
    func help() throws {
        for command in ["seal", "unseal", "validate", "cert", "set", "unset"] {
            let result = try Sealctl.run([command, "--help"])
            #expect(result.status == 0)
            #expect(result.stdout.contains("USAGE: sealctl \(command)"))
            #expect(result.stdout.contains("EXAMPLE"), "\(command)")
        }
    }
}
