#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
private let posixRead = Glibc.read
#elseif canImport(Musl)
import Musl
private let posixRead = Musl.read
#elseif canImport(Darwin)
import Darwin
private let posixRead = Darwin.read
#endif

/// Reads whole files straight into `[UInt8]`: no `Data` in between, so a file's bytes are in
/// memory once, and a file larger than a limit is refused before it is read.
public enum FileBytes {
    /// The file's text, decoded as UTF-8 (invalid bytes become U+FFFD).
    public static func text(_ path: String, limit: Int = ManifestStream.maximumInputSize) throws -> String {
        String(decoding: try read(path, limit: limit), as: UTF8.self)
    }

    /// The bytes of the file at `path`, at most `limit` of them (else a `limitExceeded` error).
    public static func read(_ path: String, limit: Int = ManifestStream.maximumInputSize) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw AccessError.unreadable(path: path, reason: POSIX.message(errno)) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw AccessError.unreadable(path: path, reason: POSIX.message(errno)) }
        guard (info.st_mode & S_IFMT) != S_IFDIR else { throw AccessError.unreadable(path: path, reason: "it is a folder, not a file") }
        let size = Int(info.st_size)
        guard size <= limit else {
            throw ManifestError(.limitExceeded("the input is \(size / (1024 * 1024)) MiB; manifests larger than \(limit / (1024 * 1024)) MiB are refused"), file: path)
        }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < bytes.count {
            // Inside `filled < bytes.count`: the buffer is not empty, so it has an address.
            let count = bytes.withUnsafeMutableBytes { raw in raw.baseAddress.map { posixRead(descriptor, $0 + filled, raw.count - filled) } ?? 0 }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw AccessError.unreadable(path: path, reason: POSIX.message(errno)) }
            if count == 0 { break }
            filled += count
        }
        bytes.removeLast(bytes.count - filled)
        // Files that grew while being read, and /proc-like files that report size 0: read on in
        // small steps, never doubling a buffer the size of the file.
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { raw in raw.baseAddress.map { posixRead(descriptor, $0, raw.count) } ?? 0 }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            guard bytes.count + count <= limit else {
                throw ManifestError(.limitExceeded("the input is over \(limit / (1024 * 1024)) MiB; larger manifests are refused"), file: path)
            }
            bytes += chunk[0..<count]
        }
        return bytes
    }
}
