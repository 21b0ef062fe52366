import HerdBuildInfo

/// The version herd reports with `--version` and `herd version`.
public enum HerdVersion {
    /// The release number.
    public static let number = "0.1.0"

    /// The release number and the commit the binary was built from: `0.1.0 (commit 2bbb6e6a1c3f)`.
    public static var current: String { "\(number) (commit \(BuildInfo.commit))" }
}
