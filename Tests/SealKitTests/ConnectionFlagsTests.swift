import Testing
@testable import SealKit

/// kubectl's connection flags as kubeseal users give them: flags first, then `SEALED_SECRETS_*`.
@Suite("kubectl connection flags")
struct ConnectionFlagsTests {
    @Test("a flag wins over its variable, a missing flag comes from it, groups repeat, and secrets are redacted")
    func flagsAndVariables() throws {
        let flags = Kubectl.ConnectionFlags(values: ["server": "https://api:6443", "token": "abc"], asGroups: ["a", "b"], insecureSkipTLSVerify: true,
                                            environment: ["SEALED_SECRETS_PROXY_URL": "http://proxy:3128", "SEALED_SECRETS_SERVER": "https://ignored"])
        #expect(flags.arguments == ["--server=https://api:6443", "--token=abc", "--proxy-url=http://proxy:3128", "--as-group=a", "--as-group=b", "--insecure-skip-tls-verify=true"])
        #expect(flags.redacting(flags.arguments).contains("--token=<redacted>"))
        #expect(flags.redacting("Unauthorized: token abc is invalid") == "Unauthorized: token <redacted> is invalid")
    }

    @Test("groups and the TLS switch from their variables; nothing given is empty")
    func variablesAlone() throws {
        let flags = Kubectl.ConnectionFlags(values: [:], environment: ["SEALED_SECRETS_AS_GROUP": "ops,dev", "SEALED_SECRETS_INSECURE_SKIP_TLS_VERIFY": "true"])
        #expect(flags.arguments == ["--as-group=ops", "--as-group=dev", "--insecure-skip-tls-verify=true"])
        #expect(Kubectl.ConnectionFlags(values: ["server": ""], environment: [:]).isEmpty)
    }
}
