import Foundation
import Testing
import TestSupport
@testable import SealKit

@Suite("Child processes")
struct ChildProcessTests {
    @Test("a child gets standard input, output and error, and no other descriptor of this process", .enabled(if: FileManager.default.fileExists(atPath: "/proc/self/fd"), "needs /proc"))
    func noInheritedDescriptors() throws {
        try withTemporaryDirectory { directory in
            // Opened without O_CLOEXEC, as a careless library would: the child must not get it.
            let path = directory.appendingPathComponent("held.txt").path
            let descriptor = open(path, O_WRONLY | O_CREAT, 0o600)
            try #require(descriptor > 2)
            defer { close(descriptor) }
            let result = try ChildProcess.run("/bin/sh", ["-c", "ls /proc/$$/fd"])
            let inherited = result.output.split(separator: "\n").compactMap { Int32($0) }
            #expect(!inherited.contains(descriptor), "the child holds descriptor \(descriptor): \(inherited)")
            #expect(inherited.contains(0) && inherited.contains(1) && inherited.contains(2))
        }
    }

    @Test("input is fed, output and error are collected apart, the status is returned")
    func roundTrip() throws {
        let result = try ChildProcess.run("/bin/sh", ["-c", "cat; echo err >&2; exit 3"], input: Data("in".utf8))
        #expect(result.status == 3)
        #expect(String(decoding: result.stdout, as: UTF8.self) == "in")
        #expect(String(decoding: result.stderr, as: UTF8.self) == "err\n")
    }
}

extension ChildProcess.Result {
    var output: String { String(decoding: stdout, as: UTF8.self) }
}
