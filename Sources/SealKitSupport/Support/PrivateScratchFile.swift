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

/// A file for plain values that must briefly exist on disk (for `$EDITOR`): in a memory-backed
/// folder where there is one (`/dev/shm`), in a fresh folder of mode 0700, itself of mode 0600,
/// and overwritten with zeros and removed by ``destroy()``.
///
/// Limits: an editor may write its own backup or swap files next to it (they land in the same
/// private folder, which ``destroy()`` removes whole), and a crash of the whole machine can
/// leave a disk-backed file behind where no memory-backed folder exists.
public final class PrivateScratchFile: @unchecked Sendable {
    /// The folder `SEALCTL_SCRATCH_DIR` names for scratch files of plain values, if it names one.
    public static func configuredFolder(_ environment: [String: String]) -> String? {
        environment["SEALCTL_SCRATCH_DIR"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The file's path.
    public let url: URL
    private let folder: URL
    private var destroyed = false

    /// Creates the folder (`sealctl-scratch-XXXXXX`) and the empty file, in `directory` when given,
    /// else in `/dev/shm` where it is writable, else in the temporary folder.
    public init(name: String = "values.yaml", in directory: String? = nil) throws {
        let base = directory ?? Self.memoryBackedFolder() ?? FileManager.default.temporaryDirectory.path
        var template = Array("\(base)/sealctl-scratch-XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw AccessError.writeFailed(path: base, step: "creating a private folder", code: errno)
        }
        folder = URL(fileURLWithPath: String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self))
        chmod(folder.path, 0o700)
        url = folder.appendingPathComponent(name)
        let descriptor = open(url.path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard descriptor >= 0 else { throw AccessError.writeFailed(path: url.path, step: "creating a private file", code: errno) }
        close(descriptor)
    }

    deinit { destroy() }

    /// Writes the file's contents (mode stays 0600).
    public func write(_ data: Data) throws {
        let descriptor = open(url.path, O_WRONLY | O_TRUNC)
        guard descriptor >= 0 else { throw AccessError.writeFailed(path: url.path, step: "opening", code: errno) }
        defer { close(descriptor) }
        do { try POSIX.writeAll(data, to: descriptor) } catch { throw AccessError.writeFailed(path: url.path, step: "writing", code: error.code) }
    }

    /// The file's contents.
    public func read() throws -> Data {
        Data(try FileBytes.read(url.path))
    }

    /// Overwrites every file in the private folder with zeros, then removes the folder.
    public func destroy() {
        guard !destroyed else { return }
        destroyed = true
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in files {
            let path = folder.appendingPathComponent(name).path
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            let descriptor = open(path, O_WRONLY)
            if descriptor >= 0 {
                // Best effort: a file that cannot be overwritten is still removed below.
                try? POSIX.writeAll([UInt8](repeating: 0, count: Int(info.st_size)), to: descriptor)
                fsync(descriptor)
                close(descriptor)
            }
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// `/dev/shm` when it is a writable folder (memory-backed on Linux).
    static func memoryBackedFolder() -> String? {
        access("/dev/shm", W_OK) == 0 ? "/dev/shm" : nil
    }
}

extension PrivateScratchFile {
    /// Opens the file in the user's editor (`$VISUAL`, else `$EDITOR`, else `vi`) on this
    /// terminal and waits for it; Ctrl-C reaches the editor, not the caller's clean-up.
    public func edit(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let editor = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        // Through the shell, so that an editor given with arguments (`code --wait`) works.
        let status = try ChildProcess.runAttached("/bin/sh", ["-c", "\(editor) \"$1\"", "sealctl-edit", url.path])
        guard status == 0 else { throw AccessError.editorFailed(editor: editor, status: status) }
    }
}
