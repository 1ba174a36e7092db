import Foundation
import Testing

@Suite("sealctl basics")
struct SealctlBasicsTests {
    @Test("--version prints the version")
    func version() throws {
        let result = try Sealctl.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }

    @Test("--help describes the tool")
    func help() throws {
        let result = try Sealctl.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: sealctl"))
        #expect(result.stdout.contains("Sealed Secrets"))
    }

    @Test("an unknown option is a usage error with a non-zero exit")
    func unknownOption() throws {
        let result = try Sealctl.run(["--no-such-flag"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("Error"))
    }
}
