import Testing
@testable import SealKit

/// kubectl's connection flags, taken out of a command line as kubeseal users write them.
@Suite("kubectl connection flags")
struct ConnectionFlagsTests {
    @Test("both spellings, a bare boolean, repeated groups, and everything else left in order")
    func extracting() throws {
        let (flags, remaining) = try Kubectl.ConnectionFlags.extracting(from: [
            "seal", "--server", "https://api:6443", "--token=abc", "-n", "prod", "--insecure-skip-tls-verify", "--as-group", "a", "--as-group=b",
            "--name", "db", "--", "--user", "literal",
        ], environment: ["SEALED_SECRETS_PROXY_URL": "http://proxy:3128", "SEALED_SECRETS_SERVER": "https://ignored"])
        #expect(remaining == ["seal", "-n", "prod", "--name", "db", "--", "--user", "literal"])
        #expect(flags.arguments == ["--server=https://api:6443", "--token=abc", "--proxy-url=http://proxy:3128", "--as-group=a", "--as-group=b", "--insecure-skip-tls-verify=true"])
        #expect(flags.redacting(flags.arguments).contains("--token=<redacted>"))
        #expect(flags.redacting("Unauthorized: token abc is invalid") == "Unauthorized: token <redacted> is invalid")
    }

    @Test("a flag without its value is an error that names it; no flags is empty")
    func errors() throws {
        #expect(throws: SealingError.malformedInput(message: "--token needs a value")) {
            _ = try Kubectl.ConnectionFlags.extracting(from: ["cert", "--token"], environment: [:])
        }
        #expect(try Kubectl.ConnectionFlags.extracting(from: ["cert", "--fetch"], environment: [:]).flags.isEmpty)
    }
}
