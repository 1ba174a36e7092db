import SealKitSupport
import SealKitSealing

extension ValuesFile {
    /// Reads the values file at `path`, with a warning when others can read the plain values in it.
    public static func load(path: String, environments: [String]) throws -> (values: ValuesFile, notices: [Notice]) {
        let values = try ValuesFile(bytes: try FileBytes.read(path), source: path, environments: environments)
        let notice = PrivateFile.readableByOthers(path).map { mode in
            Notice.warning("\(path) holds plain values and is readable by group or others (mode \(String(mode, radix: 8))); chmod 600 \(path), and delete it when done")
        }
        return (values, notice.map { [$0] } ?? [])
    }
}

/// Files that hold secrets (private keys, plain values) should be readable by their owner only.
public enum PrivateFile {
    /// The file's mode when group or others may read it; nil when only its owner can (or it cannot be read).
    public static func readableByOthers(_ path: String) -> UInt32? {
        guard let mode = POSIX.permissions(ofPath: path), mode & 0o077 != 0 else { return nil }
        return UInt32(mode)
    }
}

extension LocalKeyring {
    /// ``/SealKitSealing/LocalKeyring/keyring(orFiles:)``, with a warning for each key file that group or others can read.
    public func keyringCheckingModes(orFiles files: [String]) throws -> (keyring: Keyring, notices: [Notice]) {
        let notices = files.compactMap { path in
            PrivateFile.readableByOthers(path).map { Notice.warning("\(path) is readable by group or others (mode \(String($0, radix: 8))); private keys should be 0600: chmod 600 \(path)") }
        }
        return (try keyring(orFiles: files), notices)
    }
}
