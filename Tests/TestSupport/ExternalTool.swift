import Foundation
import SealKit

/// Runs real tools (openssl, ssh-keygen, kubectl, python3) for independent checks.
public struct ExternalTool {
    /// What a tool printed and how it exited.
    public struct Result {
        public let status: Int32
        public let stdout: Data
        public let stderr: Data
        public var output: String { String(decoding: stdout, as: UTF8.self) }
        public var errorOutput: String { String(decoding: stderr, as: UTF8.self) }
    }

    /// The absolute path of `name` on PATH, or nil when it is not installed.
    public static func find(_ name: String) -> String? { ChildProcess.find(name) }

    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], stdin: Data = Data(), environment: [String: String]? = nil, directory: URL? = nil) throws -> Result {
        let path = find(executable) ?? executable
        let result = try ChildProcess.run(path, arguments, input: stdin, environment: environment, directory: directory)
        return Result(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }
}
