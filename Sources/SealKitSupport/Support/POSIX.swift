#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
private let systemRead = Glibc.read
#elseif canImport(Musl)
import Musl
private let systemWrite = Musl.write
private let systemRead = Musl.read
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
private let systemRead = Darwin.read
#endif

/// The few operating-system services SealKit and sealctl need beyond FoundationEssentials, over
/// the C library directly. Full Foundation has them too, but linking it statically would bring
/// ICU's 30 MB of data into a binary that never formats a localized string.
package enum POSIX {
    /// What a path names, by `stat` (symbolic links followed).
    package enum FileKind: Sendable, Equatable {
        case missing, regularFile, directory, other
    }

    /// What `path` names, following symbolic links.
    package static func kind(ofPath path: String) -> FileKind {
        var information = stat()
        guard stat(path, &information) == 0 else { return .missing }
        switch information.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .regularFile
        default: return .other
        }
    }

    /// Whether `path` is a symbolic link (not followed).
    package static func isSymbolicLink(_ path: String) -> Bool {
        var information = stat()
        return lstat(path, &information) == 0 && information.st_mode & S_IFMT == S_IFLNK
    }

    /// The permission bits of `path`, or nil when it cannot be read.
    package static func permissions(ofPath path: String) -> mode_t? {
        var information = stat()
        guard stat(path, &information) == 0 else { return nil }
        return information.st_mode & 0o7777
    }

    /// One `write(2)`, nothing more: safe in a signal handler (no allocation, no lock).
    package static func rawWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        systemWrite(descriptor, bytes, count)
    }

    /// One `read(2)`.
    package static func rawRead(_ descriptor: Int32, _ bytes: UnsafeMutableRawPointer, _ count: Int) -> Int {
        systemRead(descriptor, bytes, count)
    }

    /// Every byte readable from `descriptor` until end of file, retrying interrupted reads:
    /// `expectedSize` bytes are read into one buffer (a file's size from `fstat`), the rest in
    /// 64 KiB steps (a file that grew, a pipe, a /proc file that reports 0). Nil when there are
    /// more than `limit` bytes; a failed read throws its `errno`.
    package static func readAll(_ descriptor: Int32, expectedSize: Int = 0, limit: Int = .max) throws(POSIXError) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: min(expectedSize, limit))
        var filled = 0
        while filled < bytes.count {
            // Inside `filled < bytes.count`: the buffer is not empty, so it has an address.
            let count = bytes.withUnsafeMutableBytes { raw in raw.baseAddress.map { systemRead(descriptor, $0 + filled, raw.count - filled) } ?? 0 }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw POSIXError(step: "reading", code: errno) }
            if count == 0 { break }
            filled += count
        }
        bytes.removeLast(bytes.count - filled)
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { raw in raw.baseAddress.map { systemRead(descriptor, $0, raw.count) } ?? 0 }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw POSIXError(step: "reading", code: errno) }
            if count == 0 { return bytes }
            guard bytes.count + count <= limit else { return nil }
            bytes += chunk[0..<count]
        }
    }

    /// Writes all of `bytes` to `descriptor`, retrying short and interrupted writes; any other
    /// failure (a full disk, an I/O error, a closed pipe) is thrown with its `errno`, so that a
    /// truncated output is never mistaken for a complete one.
    package static func writeAll(_ bytes: some Collection<UInt8>, to descriptor: Int32) throws(POSIXError) {
        let failure = bytes.withContiguousStorageIfAvailable { writeAll(UnsafeRawBufferPointer($0), descriptor) }
            ?? Array(bytes).withUnsafeBytes { writeAll($0, descriptor) }
        if let failure { throw POSIXError(step: "writing", code: failure) }
    }

    /// The write loop: nil when every byte went out, else the `errno` of the failure.
    private static func writeAll(_ buffer: UnsafeRawBufferPointer, _ descriptor: Int32) -> Int32? {
        guard let base = buffer.baseAddress else { return nil }
        var offset = 0
        while offset < buffer.count {
            let count = systemWrite(descriptor, base + offset, buffer.count - offset)
            if count > 0 { offset += count; continue }
            if count < 0 && errno == EINTR { continue }
            // write(2) returning 0 for a non-empty buffer makes no progress: report it as EIO.
            return count < 0 ? errno : EIO
        }
        return nil
    }

    /// The three standard streams, by descriptor.
    package enum StandardStream: Int32, Sendable {
        case input = 0, output = 1, error = 2
    }

    /// Whether a standard stream is a terminal.
    package static func isTerminal(_ stream: StandardStream) -> Bool { isatty(stream.rawValue) == 1 }

    /// Everything on standard input, to end of file.
    package static func readStandardInput() throws -> [UInt8] {
        do { return try readAll(StandardStream.input.rawValue) ?? [] } catch { throw AccessError.unreadable(path: "standard input", reason: message(error.code)) }
    }

    /// Writes `bytes` to a standard stream; throws when not every byte was written.
    package static func write(_ bytes: some Collection<UInt8>, to stream: StandardStream) throws(POSIXError) {
        try writeAll(bytes, to: stream.rawValue)
    }

    /// Ends the process as a write to a closed pipe does by default: killed by SIGPIPE, quietly
    /// (the shell reports status 141), whether or not SIGPIPE was ignored for child processes.
    package static func endByBrokenPipe() -> Never {
        signal(SIGPIPE, SIG_DFL)
        raise(SIGPIPE)
        _exit(128 + SIGPIPE)
    }

    /// Ends the process with `status` after flushing C's buffered streams, without `atexit`
    /// handlers: they only free memory (OpenSSL's clean-up among them), and every byte sealctl
    /// writes goes out with `write(2)` as it is written.
    package static func exitProcess(_ status: Int32) -> Never {
        fflush(nil)
        _exit(status)
    }

    /// Blocks the calling thread for `seconds`.
    package static func sleep(seconds: Double) {
        guard seconds > 0 else { return }
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - Double(Int(seconds))) * 1e9))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }

    /// The current user's home folder: `$HOME`, else the password database.
    package static func homeDirectory(environment: [String: String]) -> String {
        if let home = environment["HOME"], !home.isEmpty { return home }
        if let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir { return String(cString: directory) }
        return "/"
    }

    /// The first `byte` in `bytes` at or after `start`: memchr, which reads many bytes a step.
    package static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < bytes.count, let base = bytes.baseAddress,
              let found = memchr(base + start, Int32(byte), bytes.count - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Whether `text` matches the shell glob `pattern` (`fnmatch(3)` without flags: `*` also
    /// matches `/`).
    package static func matches(glob pattern: String, _ text: String) -> Bool { fnmatch(pattern, text, 0) == 0 }

    /// Gives every read and write on the socket `descriptor` at most `seconds`.
    package static func setSocketTimeouts(_ descriptor: Int32, seconds: Int) {
        var value = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    /// The base-2 logarithm (the C library's; the standard library has none).
    package static func log2(_ value: Double) -> Double { systemLog2(value) }

    /// `EPIPE`: a write to a pipe whose reader has gone.
    package static let brokenPipe = EPIPE

    /// The message of an `errno` value.
    package static func message(_ code: Int32) -> String { String(cString: strerror(code)) }

    /// An operating-system call that failed.
    package struct POSIXError: Error, CustomStringConvertible {
        package let step: String
        package let code: Int32
        package init(step: String, code: Int32) {
            self.step = step
            self.code = code
        }
        package var description: String { "\(step) failed: \(POSIX.message(code))" }
    }
}

private func systemLog2(_ value: Double) -> Double { log2(value) }

/// A mutual-exclusion lock over `pthread_mutex_t` (NSLock is not in FoundationEssentials, and
/// `Synchronization.Mutex` needs macOS 15).
package final class Lock: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    package init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` holding the lock.
    package func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}
