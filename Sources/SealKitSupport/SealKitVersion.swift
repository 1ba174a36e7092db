/// The version of SealKit and `sealctl`.
public enum SealKitVersion {
    /// The release version, e.g. `0.1.0`.
    public static let current = "0.1.0"
}
