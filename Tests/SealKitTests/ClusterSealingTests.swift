import Foundation
import Testing
import TestSupport
@testable import SealKit

/// One Secret sealed for several clusters' certificates in one run.
@Suite("Sealing for several certificates at once")
struct ClusterSealingTests {
    func input() throws -> SealOperation {
        SealOperation(inputs: [ManifestInput(bytes: try Fixtures.bytes("sealedsecrets/input/db-creds.secret.yaml"), source: "db-creds.secret.yaml")])
    }

    @Test("each certificate's SealedSecret is byte for byte a one-certificate run's with the same randomness, and opens with its own key only")
    func eachAsAlone() throws {
        let old = try Fixtures.certificate, renewed = try Fixtures.renewedCertificate
        let result = try input().run(for: [("eu", { old }), ("us", { renewed })]) { _ in ScriptedRandom.sealkitSeedStream(blocks: 4).source }
        #expect(result.outputs.map(\.name) == ["eu", "us"])
        // The first is upstream's deterministic vector itself.
        #expect(result.outputs[0].text == (try Fixtures.text("sealedsecrets/db-creds.strict.det-seed-sealkit.sealedsecret.yaml")))
        let secret = try Secret(document: ManifestStream(bytes: Fixtures.bytes("sealedsecrets/input/db-creds.secret.yaml")).documents[0])
        let alone = try Sealer(certificate: renewed, random: ScriptedRandom.sealkitSeedStream(blocks: 4).source).seal(secret).formatted(as: .yaml)
        #expect(result.outputs[1].text == alone)
        #expect(result.stream == result.outputs[0].text + result.outputs[1].text)

        let eu = try SealedSecret(document: ManifestStream(text: result.outputs[0].text).documents[0])
        let us = try SealedSecret(document: ManifestStream(text: result.outputs[1].text).documents[0])
        #expect(try Unsealer(keyring: Keyring(keys: [Fixtures.key])).openValues(of: eu)["password"] != nil)
        #expect(try Unsealer(keyring: Keyring(keys: [Fixtures.renewedKey])).openValues(of: us)["password"] != nil)
        #expect(throws: SealingError.self) { try Unsealer(keyring: Keyring(keys: [Fixtures.key])).openValues(of: us) }
        #expect(throws: SealingError.self) { try Unsealer(keyring: Keyring(keys: [Fixtures.renewedKey])).openValues(of: eu) }
    }

    @Test("a certificate that fails fails the run before anything is returned; names are words and differ; JSON is one List")
    func failuresAndForms() throws {
        let old = try Fixtures.certificate
        struct Unreadable: Error {}
        #expect(throws: LocatedError.self) { try input().run(for: [("eu", { old }), ("us", { throw Unreadable() })]) }
        #expect(throws: OperationError.repeatedClusterName("eu")) { try input().run(for: [("eu", { old }), ("eu", { old })]) }
        #expect(try NamedCertificate(argument: "eu=certs/eu.crt") == NamedCertificate(name: "eu", source: "certs/eu.crt"))
        #expect(try NamedCertificate(argument: "certs/prod-us.crt") == NamedCertificate(name: "prod-us", source: "certs/prod-us.crt"))
        #expect(try NamedCertificate(argument: "https://example.com/v1/cert.pem").name == "cert")
        #expect(throws: OperationError.self) { try NamedCertificate(argument: "a b=x.crt") }

        var json = try input()
        json.format = .json
        let result = try json.run(for: [("eu", { old }), ("us", { try Fixtures.renewedCertificate })])
        let list = try JSONParser().parseStream(Array(result.stream.utf8))
        #expect(list.count == 1 && list[0]["kind"]?.scalar?.value == "List" && list[0]["items"]?.sequence?.count == 2)
        try withTemporaryDirectory { directory in
            let folder = directory.appendingPathComponent("out").path
            let written = try SealOperation.write(result, toFolder: folder, format: .json)
            #expect(written.map { URL(fileURLWithPath: $0).lastPathComponent } == ["eu.json", "us.json"])
        }
    }
}
