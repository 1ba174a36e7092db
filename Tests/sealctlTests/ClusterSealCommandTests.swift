import Foundation
import Testing
import TestSupport
@testable import SealKit

/// `sealctl seal` with several certificates: one SealedSecret per cluster, named.
@Suite("seal for several certificates at once")
struct ClusterSealCommandTests {
    static let secretInput = "apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: prod}\nstringData: {password: canary-multi-7f3a}\n"

    /// The two vector certificates, as files a and b, and their keys.
    func certificates(in directory: URL) throws -> (a: String, b: String) {
        let a = directory.appendingPathComponent("certs/eu.crt"), b = directory.appendingPathComponent("certs/us.crt")
        try FileManager.default.createDirectory(at: a.deletingLastPathComponent(), withIntermediateDirectories: true)
        try a.write(try TestFixtures.vectorText("key/tls.crt"))
        try b.write(try TestFixtures.vectorText("key-renewed/tls.crt"))
        return (a.path, b.path)
    }

    @Test("--out-dir writes one file per certificate; each opens with its own key only")
    func outDir() throws {
        try withTemporaryDirectory { directory in
            let (a, b) = try certificates(in: directory)
            try directory.appendingPathComponent("s.yaml").write(Self.secretInput)
            let result = try Sealctl.run(["seal", "--cert", "a=\(a)", "--cert", "b=\(b)", "-f", "s.yaml", "--out-dir", "out"], directory: directory)
            #expect(result.status == 0 && result.stdout.isEmpty, "\(result.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("out").path).sorted() == ["a.yaml", "b.yaml"])
            for (file, key, other) in [("a", "key/tls.key", "key-renewed/tls.key"), ("b", "key-renewed/tls.key", "key/tls.key")] {
                let path = directory.appendingPathComponent("out/\(file).yaml").path
                let opened = try Sealctl.run(["unseal", "--key", try TestFixtures.vectorURL(key).path, "-f", path])
                #expect(opened.status == 0 && opened.stdout.contains(Data("canary-multi-7f3a".utf8).base64EncodedString()), "\(opened.stderr)")
                let refused = try Sealctl.run(["unseal", "--key", try TestFixtures.vectorURL(other).path, "-f", path])
                #expect(refused.status == 1, "\(refused.stdout)")
            }
            // Plain paths are named after their files; on standard output, one stream in order.
            let stream = try Sealctl.run(["seal", "--cert", a, "--cert", b], input: Self.secretInput)
            #expect(stream.status == 0 && stream.stdout.components(separatedBy: "kind: SealedSecret").count == 3, "\(stream.stderr)")
            let json = try Sealctl.run(["seal", "--cert", a, "--cert", b, "-o", "json"], input: Self.secretInput)
            #expect(try JSONParser().parseStream(Array(json.stdout.utf8)).first?["items"]?.sequence?.count == 2, "\(json.stderr)")
            let named = try Sealctl.run(["seal", "--cert", a, "--cert", b, "--out-dir", "named"], input: Self.secretInput, directory: directory)
            let namedFiles = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("named").path).sorted()
            #expect(named.status == 0 && namedFiles == ["eu.yaml", "us.yaml"], "\(named.stderr)")
        }
    }

    @Test("one certificate that fails (unreadable, expired) writes nothing at all; --raw and --merge-into take one")
    func failures() throws {
        try withTemporaryDirectory { directory in
            let (a, _) = try certificates(in: directory)
            let key = try RSAPrivateKey.generate(bitCount: 2048)
            let expired = directory.appendingPathComponent("certs/old.crt")
            try expired.write(try Certificate.selfSigned(for: key, validity: 86400, now: Date(timeIntervalSince1970: 1_700_000_000)).pemRepresentation)
            for bad in ["missing=\(directory.path)/certs/missing.crt", "old=\(expired.path)"] {
                let result = try Sealctl.run(["seal", "--cert", "a=\(a)", "--cert", bad, "--out-dir", "out"], input: Self.secretInput, directory: directory)
                #expect(result.status == 1 && result.isOneErrorLine && result.stdout.isEmpty, "\(result.stderr)")
                #expect(result.stderr.contains("certificate \(bad.split(separator: "=")[0])"), "\(result.stderr)")
                #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out").path))
            }
            let raw = try Sealctl.run(["seal", "--raw", "--cert", a, "--cert", a, "--name", "x", "-n", "y"], input: "v")
            #expect(raw.status != 0 && raw.stderr.contains("seal a file per certificate: not with --raw, --merge-into or -w"), "\(raw.stderr)")
            let twice = try Sealctl.run(["seal", "--cert", "x=\(a)", "--cert", "x=\(a)"], input: Self.secretInput)
            #expect(twice.status == 1 && twice.stderr.contains("two certificates are named x"), "\(twice.stderr)")
            let reseal = try Sealctl.run(["cert", "--cert", a, "--cert", a])
            #expect(reseal.status == 1 && reseal.stderr.contains("seals for one certificate, and 2 were given"), "\(reseal.stderr)")
        }
    }
}
