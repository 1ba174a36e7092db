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

// posix_spawn's file actions and attributes are structs in glibc and musl, optional pointers on Darwin.
#if canImport(Darwin)
private typealias FileActions = posix_spawn_file_actions_t?
private typealias SpawnAttributes = posix_spawnattr_t?
private func emptyFileActions() -> FileActions { nil }
private func emptySpawnAttributes() -> SpawnAttributes { nil }
#else
private typealias FileActions = posix_spawn_file_actions_t
private typealias SpawnAttributes = posix_spawnattr_t
private func emptyFileActions() -> FileActions { posix_spawn_file_actions_t() }
private func emptySpawnAttributes() -> SpawnAttributes { posix_spawnattr_t() }
#endif

/// Runs a child process (kubectl, an editor, git) with `posix_spawn`: standard input is fed and
/// standard output and error are collected in one `poll` loop, so a chatty child never blocks on
/// a full pipe and no thread is started. Foundation's `Process` is not used: it lives outside
/// FoundationEssentials and would pull ICU into the static binary.
///
/// `package` visibility: SealKit's own helper, shared with its tests.
package struct ChildProcess: Sendable {
    /// What a finished child produced.
    package struct Result: Sendable {
        /// The exit status (128 + the signal number when the child was killed by a signal).
        package let status: Int32
        /// What it wrote to standard output.
        package let stdout: Data
        /// What it wrote to standard error.
        package let stderr: Data
    }

    /// A child that outlived its time and was killed.
    package struct TimedOut: Error {
        package let seconds: Double
    }

    /// Runs `executable` (a path) to completion. `environment` replaces the whole environment
    /// when given; `directory` is the child's working folder.
    package static func run(_ executable: String, _ arguments: [String], input: Data = Data(),
                            environment: [String: String]? = nil, directory: URL? = nil, timeout: Double? = nil) throws -> Result {
        var stdinPipe = try makePipe(executable), stdoutPipe = try makePipe(executable), stderrPipe = try makePipe(executable)
        var parentEnds = [stdinPipe.write, stdoutPipe.read, stderrPipe.read]
        defer { for descriptor in parentEnds where descriptor >= 0 { close(descriptor) } }

        var actions = emptyFileActions()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinPipe.read, 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe.write, 1)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe.write, 2)
        // posix_spawn_file_actions_addchdir_np is not in every C library's headers; a shell that
        // changes folder and then execs the child does the same everywhere.
        let pid = if let directory {
            try spawn("/bin/sh", ["-c", "cd -- \"$0\" && exec \"$@\"", directory.path, executable] + arguments,
                      environment: environment, actions: &actions)
        } else {
            try spawn(executable, arguments, environment: environment, actions: &actions)
        }
        // The child holds its ends now; closing ours lets end-of-file arrive.
        for descriptor in [stdinPipe.read, stdoutPipe.write, stderrPipe.write] { close(descriptor) }
        stdinPipe.read = -1; stdoutPipe.write = -1; stderrPipe.write = -1

        var output = [UInt8](), errorOutput = [UInt8]()
        var written = 0
        let inputBytes = [UInt8](input)
        if inputBytes.isEmpty { close(parentEnds[0]); parentEnds[0] = -1 }
        _ = fcntl(stdinPipe.write, F_SETFL, fcntl(stdinPipe.write, F_GETFL) | O_NONBLOCK)
        var buffer = [UInt8](repeating: 0, count: 65536)
        let clock = ContinuousClock()
        let deadline = timeout.map { clock.now.advanced(by: .milliseconds(Int64($0 * 1000))) }
        while parentEnds.contains(where: { $0 >= 0 }) {
            // With a deadline, poll waits at most until it; a child still running then is killed.
            var wait: Int32 = -1
            if let deadline {
                let left = clock.now.duration(to: deadline)
                guard left > .zero else {
                    kill(pid, SIGKILL)
                    _ = try? Self.wait(for: pid, executable)
                    throw TimedOut(seconds: timeout ?? 0)
                }
                wait = Int32(min(Double(Int32.max), left / .milliseconds(1)) + 1)
            }
            var polled = [
                pollfd(fd: parentEnds[0], events: Int16(POLLOUT), revents: 0),
                pollfd(fd: parentEnds[1], events: Int16(POLLIN), revents: 0),
                pollfd(fd: parentEnds[2], events: Int16(POLLIN), revents: 0),
            ]
            // poll ignores negative descriptors, so finished pipes simply drop out.
            guard poll(&polled, nfds_t(polled.count), wait) >= 0 else {
                if errno == EINTR { continue }
                throw AccessError.cannotRun(executable: executable, step: "poll", code: errno)
            }
            if polled[0].revents != 0 {
                // Only polled while input is left, so the buffer is not empty and has an address.
                let count = inputBytes.withUnsafeBytes { bytes in
                    bytes.baseAddress.map { POSIX.rawWrite(parentEnds[0], $0 + written, bytes.count - written) } ?? -1
                }
                // A child that exits without reading its input gets EPIPE here (SIGPIPE is ignored).
                if count > 0 { written += count }
                if count < 0 && errno != EAGAIN && errno != EINTR || written == inputBytes.count {
                    close(parentEnds[0]); parentEnds[0] = -1
                }
            }
            for (index, _) in [(1, ()), (2, ())] where polled[index].revents != 0 {
                let count = buffer.withUnsafeMutableBytes { POSIX.rawRead(parentEnds[index], $0.baseAddress!, $0.count) }
                if count > 0 {
                    if index == 1 { output += buffer[0..<count] } else { errorOutput += buffer[0..<count] }
                } else if count == 0 || errno != EINTR && errno != EAGAIN {
                    close(parentEnds[index]); parentEnds[index] = -1
                }
            }
        }
        let status = try wait(for: pid, executable)
        return Result(status: status, stdout: Data(output), stderr: Data(errorOutput))
    }

    /// Runs `executable` on this process's own terminal (standard input, output and error
    /// inherited), for an editor. Returns its exit status. Ctrl-C is ignored here while the child
    /// runs (the child still gets it), so that the caller's clean-up always runs.
    package static func runAttached(_ executable: String, _ arguments: [String]) throws -> Int32 {
        signal(SIGINT, SIG_IGN)
        defer { signal(SIGINT, SIG_DFL) }
        var actions = emptyFileActions()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let pid = try spawn(executable, arguments, environment: nil, actions: &actions)
        return try wait(for: pid, executable)
    }

    /// The path of `name` on PATH (or `name` itself when it contains a slash), if executable.
    package static func find(_ name: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
        for directory in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            var information = stat()
            if access(candidate, X_OK) == 0, stat(candidate, &information) == 0, information.st_mode & S_IFMT == S_IFREG {
                return candidate
            }
        }
        return nil
    }

    // MARK: - posix_spawn

    private static func makePipe(_ executable: String) throws -> (read: Int32, write: Int32) {
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else { throw AccessError.cannotRun(executable: executable, step: "pipe", code: errno) }
        // Close-on-exec: the child gets only the dup2'd copies, never another child's pipe ends.
        for descriptor in descriptors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        return (descriptors[0], descriptors[1])
    }

    private static func spawn(_ executable: String, _ arguments: [String], environment: [String: String]?,
                              actions: inout FileActions) throws -> pid_t {
        // Writing to a child that has exited must be an EPIPE error here, not a fatal signal.
        signal(SIGPIPE, SIG_IGN)
        let argv = CStringArray([executable] + arguments)
        let envp = CStringArray((environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" })
        var attributes = emptySpawnAttributes()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        closeInheritedDescriptors(&actions, &attributes)
        var pid = pid_t()
        let code = posix_spawn(&pid, executable, &actions, &attributes, argv.pointers, envp.pointers)
        guard code == 0 else { throw AccessError.cannotRun(executable: executable, step: "posix_spawn", code: code) }
        return pid
    }

    /// The child gets standard input, output and error, and no other descriptor of this
    /// process: another thread's file (a private key being read, a script being written) must
    /// not reach kubectl or an editor, nor keep a file busy (`ETXTBSY`) while the child runs.
    /// Linux: a close action for every descriptor from 3 that is open now (glibc ignores those
    /// closed by the time of the spawn). Darwin: `POSIX_SPAWN_CLOEXEC_DEFAULT`.
    private static func closeInheritedDescriptors(_ actions: inout FileActions, _ attributes: inout SpawnAttributes) {
        #if canImport(Darwin)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_CLOEXEC_DEFAULT))
        #else
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? [] {
            if let descriptor = Int32(name), descriptor > 2 { posix_spawn_file_actions_addclose(&actions, descriptor) }
        }
        #endif
    }

    /// A NULL-terminated array of C strings that lives as long as the value.
    private final class CStringArray {
        let pointers: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
        private let count: Int

        init(_ strings: [String]) {
            count = strings.count
            pointers = .allocate(capacity: strings.count + 1)
            for (index, string) in strings.enumerated() { (pointers + index).initialize(to: strdup(string)) }
            (pointers + strings.count).initialize(to: nil)
        }

        deinit {
            for index in 0..<count { free(pointers[index]) }
            pointers.deallocate()
        }
    }

    private static func wait(for pid: pid_t, _ executable: String) throws -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw AccessError.cannotRun(executable: executable, step: "waitpid", code: errno) }
        }
        // WIFEXITED / WEXITSTATUS / WTERMSIG are C macros; these are their definitions.
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}
