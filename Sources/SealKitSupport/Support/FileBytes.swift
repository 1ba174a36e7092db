#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole files straight into `[UInt8]`: no `Data` in between, so a file's bytes are in
/// memory once, and a file larger than a limit is refused before it is read.
public enum FileBytes {
    /// The largest file read unless a caller says otherwise: far above any real manifest, and
    /// small enough that a hostile or mistaken input (a disk image, a log) is refused at once
    /// instead of parsed for minutes.
    public static let defaultLimit = 64 * 1024 * 1024

    /// The file's text, decoded as UTF-8 (invalid bytes become U+FFFD).
    public static func text(_ path: String, limit: Int = FileBytes.defaultLimit) throws -> String {
        String(decoding: try read(path, limit: limit), as: UTF8.self)
    }

    /// The bytes of the file at `path`, at most `limit` of them (else ``AccessError/tooLarge(path:size:limit:)``).
    public static func read(_ path: String, limit: Int = FileBytes.defaultLimit) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw AccessError.unreadable(path: path, reason: POSIX.message(errno)) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw AccessError.unreadable(path: path, reason: POSIX.message(errno)) }
        guard (info.st_mode & S_IFMT) != S_IFDIR else { throw AccessError.unreadable(path: path, reason: "it is a folder, not a file") }
        let size = Int(info.st_size)
        guard size <= limit else {
            throw AccessError.tooLarge(path: path, size: size, limit: limit)
        }
        let bytes: [UInt8]?
        do { bytes = try POSIX.readAll(descriptor, expectedSize: size, limit: limit) } catch { throw AccessError.unreadable(path: path, reason: POSIX.message(error.code)) }
        // A file that grew past the limit while being read.
        guard let bytes else { throw AccessError.tooLarge(path: path, size: nil, limit: limit) }
        return bytes
    }
}
