internal import COpenSSL
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SealKitSupport

/// A minimal HTTP/1.1 GET over OpenSSL, for certificate URLs.
///
/// Why not URLSession: on Linux it goes through libcurl, which cannot be pointed at another CA
/// bundle, so a private CA (or a test's) cannot be trusted without editing the system store.
/// This client verifies the server with OpenSSL's default trust store, which honours the
/// standard `SSL_CERT_FILE` and `SSL_CERT_DIR` variables, checks the host name or IP address,
/// and requires TLS 1.2 or later. Plain `http://` is only used for loopback addresses.
package struct HTTPSFetcher {
    var timeout: TimeInterval

    package init(timeout: TimeInterval = 30) {
        self.timeout = timeout
    }

    /// The body of a 200 response to `GET url`.
    package func get(_ url: URL) throws -> Data {
        guard let host = url.host, let scheme = url.scheme?.lowercased() else {
            throw AccessError.fetchFailed(url: url.absoluteString, detail: "no host in the URL")
        }
        let secure = scheme == "https"
        let port = url.port ?? (secure ? 443 : 80)
        var path = url.path.isEmpty ? "/" : url.path
        if let query = url.query { path += "?" + query }

        let context = secure ? try makeContext(url) : nil
        defer { if let context { SSL_CTX_free(context) } }
        guard let bio = secure ? BIO_new_ssl_connect(context) : BIO_new(BIO_s_connect()) else {
            throw failure(url, "cannot create a connection")
        }
        defer { BIO_free_all(bio) }
        let bracketedHost = host.contains(":") ? "[\(host)]" : host
        _ = sealkit_BIO_set_conn_hostname(bio, "\(bracketedHost):\(port)")
        if secure, let ssl = sealkit_BIO_get_ssl(bio) {
            if Self.isIPAddress(host) {
                guard X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host) == 1 else { throw failure(url, "invalid IP address") }
            } else {
                _ = sealkit_SSL_set_tlsext_host_name(ssl, host)
                guard SSL_set1_host(ssl, host) == 1 else { throw failure(url, "invalid host name") }
            }
        }
        guard sealkit_BIO_do_connect(bio) > 0 else { throw failure(url, secure ? "connection or TLS verification failed" : "connection failed") }
        setTimeouts(bio)

        let request = "GET \(path) HTTP/1.1\r\nHost: \(bracketedHost)\r\nUser-Agent: sealctl/\(SealKitVersion.current)\r\nAccept: application/x-pem-file, */*\r\nConnection: close\r\n\r\n"
        let requestBytes = Array(request.utf8)
        guard BIO_write(bio, requestBytes, Int32(requestBytes.count)) == requestBytes.count else { throw failure(url, "cannot send the request") }

        var response = Data()
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while response.count < 10 * 1024 * 1024 {
            let count = BIO_read(bio, &buffer, Int32(buffer.count))
            if count <= 0 { break }
            response.append(contentsOf: buffer[0..<Int(count)])
        }
        _ = OpenSSL.drainErrors()  // a peer that closes without close_notify is not our problem
        return try body(of: response, url: url)
    }

    private func makeContext(_ url: URL) throws -> OpaquePointer {
        guard let context = SSL_CTX_new(TLS_client_method()) else { throw failure(url, "cannot create a TLS context") }
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
        guard SSL_CTX_set_default_verify_paths(context) == 1,
              sealkit_SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION) == 1 else {
            SSL_CTX_free(context)
            throw failure(url, "cannot load the trusted certificates")
        }
        return context
    }

    private func setTimeouts(_ bio: OpaquePointer) {
        let descriptor = Int32(truncatingIfNeeded: sealkit_BIO_get_fd(bio))
        guard descriptor >= 0 else { return }
        POSIX.setSocketTimeouts(descriptor, seconds: Int(timeout))
    }

    private func failure(_ url: URL, _ what: String) -> AccessError {
        let detail = OpenSSL.drainErrors()
        return .fetchFailed(url: url.absoluteString, detail: detail.isEmpty ? what : "\(what) (\(detail))")
    }

    /// The body of an HTTP/1.1 response, after checking for 200; handles chunked encoding.
    private func body(of response: Data, url: URL) throws -> Data {
        let bytes = Array(response)
        guard let headerEnd = bytes.firstRange(of: Array("\r\n\r\n".utf8)) else { throw AccessError.fetchFailed(url: url.absoluteString, detail: "the server's response is not HTTP") }
        let header = String(decoding: bytes[..<headerEnd.lowerBound], as: UTF8.self)
        let lines = header.split(separator: "\r\n", omittingEmptySubsequences: false)
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/"), let status = Int(statusParts[1]) else {
            throw AccessError.fetchFailed(url: url.absoluteString, detail: "the server's response is not HTTP")
        }
        guard status == 200 else { throw AccessError.fetchFailed(url: url.absoluteString, detail: "HTTP \(status)") }
        let content = Array(bytes[headerEnd.upperBound...])
        let chunked = lines.dropFirst().contains { $0.lowercased().hasPrefix("transfer-encoding:") && $0.lowercased().contains("chunked") }
        guard chunked else { return Data(content) }
        var decoded = Data(), index = 0
        while index < content.count {
            guard let lineEnd = content[index...].firstRange(of: Array("\r\n".utf8)) else { break }
            let sizeText = String(decoding: content[index..<lineEnd.lowerBound], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingSpaces(), radix: 16) else { throw AccessError.fetchFailed(url: url.absoluteString, detail: "the server's response is not HTTP") }
            if size == 0 { break }
            let start = lineEnd.upperBound
            guard start + size <= content.count else { throw AccessError.fetchFailed(url: url.absoluteString, detail: "the server's response is not HTTP") }
            decoded.append(contentsOf: content[start..<start + size])
            index = start + size + 2
        }
        return decoded
    }

    static func isIPAddress(_ host: String) -> Bool {
        host.contains(":") || (!host.isEmpty && host.allSatisfy { $0.isNumber || $0 == "." })
    }
}
