import Foundation
import Testing
import TestSupport
@testable import SealKit

@Suite("Atomic writes under failure")
struct AtomicWriteTests {
    @Test("a failure at any step leaves the old file as it was and no temporary file", arguments: ["write", "fsync", "rename"])
    func injectedFailure(step: String) throws {
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("secrets.yaml")
            try "old content\n".write(to: file, atomically: false, encoding: .utf8)
            AtomicFile.injectFailure(at: step, for: file.path, code: EIO)
            defer { AtomicFile.injectFailure(at: nil, for: file.path, code: 0) }
            do {
                try AtomicFile.write("new content\n", to: file)
                Issue.record("the write did not fail")
            } catch let error as AccessError {
                guard case .writeFailed(let path, _, let code) = error else { Issue.record("not a write failure: \(error)"); return }
                #expect(code == EIO)
                #expect(path == file.path && error.description.contains(file.path))
            }
            #expect(try String(contentsOf: file, encoding: .utf8) == "old content\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["secrets.yaml"])
        }
    }

    @Test("modes: a new file gets 0644 or the mode asked for; a replaced file keeps its mode")
    func modes() throws {
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("a.yaml"), key = directory.appendingPathComponent("tls.key")
            try AtomicFile.write("1", to: file)
            try AtomicFile.write("k", to: key, permissions: 0o600)
            func mode(_ url: URL) throws -> Int { (try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as! NSNumber).intValue }
            #expect(try mode(file) == 0o644)
            #expect(try mode(key) == 0o600)
            try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: file.path)
            try AtomicFile.write("2", to: file)
            #expect(try mode(file) == 0o640)
        }
    }

    @Test("a full disk (a 64 KiB tmpfs) leaves the old file whole and no temporary file", .enabled(if: Tools.mountsTmpfs, "mounting a tmpfs needs root and mount permission"))
    func fullDisk() throws {
        try withTemporaryDirectory { directory in
            let mountPoint = directory.appendingPathComponent("small")
            try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
            let mount = try ExternalTool.run("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", mountPoint.path])
            try #require(mount.status == 0, "\(mount.errorOutput)")
            defer { _ = try? ExternalTool.run("umount", [mountPoint.path]) }
            let file = mountPoint.appendingPathComponent("secrets.yaml")
            try AtomicFile.write("old content\n", to: file)
            #expect(throws: AccessError.self) {
                try AtomicFile.write(String(repeating: "x", count: 200 * 1024), to: file)
            }
            #expect(try String(contentsOf: file, encoding: .utf8) == "old content\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: mountPoint.path) == ["secrets.yaml"])
        }
    }
}
