import Testing
@testable import SealKit

/// The name rules against the cases k8s.io/apimachinery's own tests use for them.
@Suite("Kubernetes name rules")
struct KubernetesValidationTests {
    @Test("DNS-1123 labels (namespaces)")
    func labels() {
        for good in ["a", "ab", "abc", "a1", "a-1", "a--1--2--b", "0", "01", "012", "1a", "1-a", "1--a--b--2", String(repeating: "a", count: 63)] {
            #expect(KubernetesValidation.dns1123LabelProblems(good).isEmpty, "\(good)")
        }
        for bad in ["", "A", "ABC", "aBc", "A1", "A-1", "1-A", "-", "a-", "-a", "1-", "-1", "_", "a_", "_a", "a_b", "1_", "_1", "1_2", ".", "a.", ".a", "a.b", "1.", ".1", "1.2", " ", "a ", " a", "a b", "1 ", " 1", "1 2", String(repeating: "a", count: 64)] {
            #expect(!KubernetesValidation.dns1123LabelProblems(bad).isEmpty, "\(bad)")
        }
        #expect(KubernetesValidation.dns1123LabelProblems("a.b") == ["must not contain dots"])
    }

    @Test("DNS-1123 subdomains (names)")
    func subdomains() {
        for good in ["a", "ab", "a.b", "a.b.c", "1.2.3", "a-1.b-2", "0.a", "a--1.b", String(repeating: "a", count: 253)] {
            #expect(KubernetesValidation.dns1123SubdomainProblems(good).isEmpty, "\(good)")
        }
        for bad in ["", "A", "a..b", ".a", "a.", "-a.b", "a-.b", "a.-b", "a_b", "a b", String(repeating: "a", count: 254)] {
            #expect(!KubernetesValidation.dns1123SubdomainProblems(bad).isEmpty, "\(bad)")
        }
    }

    @Test("qualified names (label and annotation keys) and label values")
    func qualifiedNames() {
        for good in ["simple", "now-with-dashes", "1-starts-with-num", "1234", "simple/simple", "now-with-dashes/simple", "now-with-dashes/now-with-dashes",
                     "now.with.dots/simple", "now-with.dashes-and.dots/simple", "1-num.2-num/3-num", "1234/5678", "1.2.3.4/5678", "Uppercase_Is_OK_123",
                     "example.com/Uppercase_Is_OK_123", "requests.storage-foo", String(repeating: "a", count: 63), String(repeating: "a", count: 253) + "/" + String(repeating: "b", count: 63)] {
            #expect(KubernetesValidation.qualifiedNameProblems(good).isEmpty, "\(good)")
        }
        for bad in ["nospecialchars%^=@", "cantendwithadash-", "-cantstartwithadash-", "only/one/slash", "Example.com/abc", "example_com/user", "example.com/",
                    "/simple", String(repeating: "a", count: 64), String(repeating: "a", count: 254) + "/abc"] {
            #expect(!KubernetesValidation.qualifiedNameProblems(bad).isEmpty, "\(bad)")
        }
        for good in ["", "simple", "now-with-dashes", "1-starts-with-num", "end-with-num-1", "1234", String(repeating: "a", count: 63), "Uppercase_Is_OK_123"] {
            #expect(KubernetesValidation.labelValueProblems(good).isEmpty, "\(good)")
        }
        for bad in ["nospecialchars%^=@", "Tama-nui-te-rā.is.Māori.sun", "\\backslashes\\are\\bad", "-starts-with-dash", "ends-with-dash-", ".starts.with.dot", "ends.with.dot.", String(repeating: "a", count: 64)] {
            #expect(!KubernetesValidation.labelValueProblems(bad).isEmpty, "\(bad)")
        }
    }

    @Test("config map and Secret keys")
    func keys() {
        for good in ["a", "ab", "abc", "a1", "a-1", "a_1", "a.1", "-", "_", ".a", "a.", ".dockerconfigjson", "tls.crt", "KEY_NAME", String(repeating: "k", count: 253)] {
            #expect(KubernetesValidation.configMapKeyProblems(good).isEmpty, "\(good)")
        }
        for bad in ["", ".", "..", "..a", "a/b", "a b", "a:b", "é", String(repeating: "k", count: 254)] {
            #expect(!KubernetesValidation.configMapKeyProblems(bad).isEmpty, "\(bad)")
        }
    }
}
