/// The version herd reports with `--version`.
public enum HerdVersion {
    public static let current = "0.1.0"
}
