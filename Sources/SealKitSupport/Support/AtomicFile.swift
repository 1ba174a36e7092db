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

/// Writes files so that readers see either the old content or the new, never a mix: the bytes
/// go to a temporary file in the same folder, are flushed to disk, and the temporary file is
/// renamed over the target. A failure at any step leaves the old file as it was and removes the
/// temporary file.
///
/// A target that is a symbolic link is written through: the file it points to is replaced and
/// the link is kept.
public enum AtomicFile {

    /// Failures to inject, by target path, for tests of failure handling: keyed by path so that
    /// tests running in parallel do not see each other's failures.
    nonisolated(unsafe) private static var injectedFailures: [String: (step: String, code: Int32)] = [:]
    private static let injectionLock = Lock()

    /// Makes writes to `path` fail at `step` (`write`, `fsync`, `rename`) with `code`; nil clears.
    package static func injectFailure(at step: String?, for path: String, code: Int32) {
        injectionLock.withLock { injectedFailures[path] = step.map { ($0, code) } }
    }

    private static func injected(_ step: String, _ path: String) -> Int32? {
        injectionLock.withLock { injectedFailures[path].flatMap { $0.step == step ? $0.code : nil } }
    }

    /// Writes `data` to `url` atomically. `permissions` sets the mode of the new file; when nil,
    /// an existing file's mode is kept and a new file gets 0644. Private keys pass 0o600.
    public static func write(_ data: Data, to url: URL, permissions: mode_t? = nil) throws {
        let target = resolvedTarget(url)
        let folder = PathText.deletingLastComponent(target)
        let directory = folder.isEmpty ? "." : folder
        let name = PathText.lastComponent(target)
        var existing = stat()
        let exists = lstat(target, &existing) == 0
        let mode = permissions ?? (exists ? existing.st_mode & 0o7777 : 0o644)

        var template = Array("\(directory)/.\(name).sealctl-XXXXXX".utf8CString)
        // The template is never empty, so its buffer always has an address.
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard descriptor >= 0 else { throw AccessError.writeFailed(path: target, step: "creating a temporary file in \(directory)", code: errno) }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var committed = false
        defer {
            if !committed { unlink(temporary) }
        }
        do {
            defer { close(descriptor) }
            try check(fchmod(descriptor, mode) == 0, "setting permissions", target)
            if let code = injected("write", target) { throw AccessError.writeFailed(path: target, step: "writing", code: code) }
            do { try POSIX.writeAll(data, to: descriptor) } catch { throw AccessError.writeFailed(path: target, step: "writing", code: error.code) }
            if let code = injected("fsync", target) { throw AccessError.writeFailed(path: target, step: "flushing to disk", code: code) }
            try check(fsync(descriptor) == 0, "flushing to disk", target)
        }
        if let code = injected("rename", target) { throw AccessError.writeFailed(path: target, step: "renaming into place", code: code) }
        try check(rename(temporary, target) == 0, "renaming into place", target)
        committed = true
        // Make the rename itself durable.
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY)
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    /// Writes text as UTF-8 (see ``write(_:to:permissions:)``).
    public static func write(_ text: String, to url: URL, permissions: mode_t? = nil) throws {
        try write(Data(text.utf8), to: url, permissions: permissions)
    }

    /// The final path behind any symbolic links.
    static func resolvedTarget(_ url: URL) -> String {
        var path = url.path
        for _ in 0..<32 {
            guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: path) else { break }
            path = destination.hasPrefix("/") ? destination : PathText.appending(destination, to: PathText.deletingLastComponent(path))
        }
        return path
    }

    private static func check(_ ok: Bool, _ step: String, _ path: String) throws {
        guard ok else { throw AccessError.writeFailed(path: path, step: step, code: errno) }
    }
}
