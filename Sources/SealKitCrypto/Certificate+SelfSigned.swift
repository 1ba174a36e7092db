internal import COpenSSL
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension Certificate {
    /// Ten years, the controller's default certificate lifetime.
    public static let controllerDefaultValidity: TimeInterval = 10 * 365 * 24 * 60 * 60

    /// A self-signed certificate for `key`, made as the sealed-secrets controller makes its own:
    /// a random 128-bit serial, subject `CN=commonName` (empty by default), valid from now for
    /// `validity`, KeyUsage encipherOnly (critical), BasicConstraints CA:TRUE (critical), a
    /// subject key identifier, signed with sha256WithRSAEncryption.
    public static func selfSigned(
        for key: RSAPrivateKey,
        commonName: String = "",
        validity: TimeInterval = controllerDefaultValidity,
        now: Date = Date()
    ) throws -> Certificate {
        guard let x509 = X509_new() else { throw OpenSSL.failure("X509_new") }
        let backing = Backing(taking: x509)  // frees the certificate on every exit

        guard X509_set_version(x509, 2) == 1 else { throw OpenSSL.failure("X509_set_version") }
        try setRandomSerial(x509)
        try setValidity(x509, from: now, to: now.addingTimeInterval(validity))

        guard let name = X509_NAME_new() else { throw OpenSSL.failure("X509_NAME_new") }
        defer { X509_NAME_free(name) }
        if !commonName.isEmpty {
            guard X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, commonName, -1, -1, 0) == 1 else {
                throw OpenSSL.failure("X509_NAME_add_entry_by_txt")
            }
        }
        guard X509_set_subject_name(x509, name) == 1, X509_set_issuer_name(x509, name) == 1,
              X509_set_pubkey(x509, key.backing.pointer) == 1 else {
            throw OpenSSL.failure("certificate subject and key")
        }

        var context = X509V3_CTX()
        X509V3_set_ctx(&context, x509, x509, nil, nil, 0)
        for (nid, value) in [(NID_key_usage, "critical,encipherOnly"),
                             (NID_basic_constraints, "critical,CA:TRUE"),
                             (NID_subject_key_identifier, "hash")] {
            guard let extensionPointer = X509V3_EXT_conf_nid(nil, &context, nid, value) else {
                throw OpenSSL.failure("X509V3_EXT_conf_nid(\(value))")
            }
            defer { X509_EXTENSION_free(extensionPointer) }
            guard X509_add_ext(x509, extensionPointer, -1) == 1 else { throw OpenSSL.failure("X509_add_ext") }
        }

        guard X509_sign(x509, key.backing.pointer, EVP_sha256()) > 0 else { throw OpenSSL.failure("X509_sign") }
        X509_up_ref(x509)  // the new Backing below takes its own reference
        return try Certificate(backing: Backing(taking: withExtendedLifetime(backing) { x509 }))
    }

    private static func setRandomSerial(_ x509: OpaquePointer) throws {
        guard let serial = BN_new() else { throw OpenSSL.failure("BN_new") }
        defer { BN_free(serial) }
        // Uniform in [0, 2^128), as Go's rand.Int(r, 1<<128) in the controller.
        guard BN_rand(serial, 128, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) == 1,
              BN_to_ASN1_INTEGER(serial, X509_get_serialNumber(x509)) != nil else {
            throw OpenSSL.failure("certificate serial")
        }
    }

    private static func setValidity(_ x509: OpaquePointer, from start: Date, to end: Date) throws {
        for (date, setter) in [(start, X509_set1_notBefore), (end, X509_set1_notAfter)] as [(Date, (OpaquePointer?, UnsafePointer<ASN1_TIME>?) -> Int32)] {
            guard let time = ASN1_TIME_set(nil, time_t(date.timeIntervalSince1970)) else {
                throw OpenSSL.failure("ASN1_TIME_set")
            }
            defer { ASN1_TIME_free(time) }
            guard setter(x509, time) == 1 else { throw OpenSSL.failure("certificate validity") }
        }
    }
}
