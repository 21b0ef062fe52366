/// What the build knows about itself: the commit comes from the CommitStamp plugin (`buildCommit`).
public enum BuildInfo {
    /// The short commit id, with `-dirty` for uncommitted changes, or `unknown` outside a git checkout.
    public static var commit: String { buildCommit }
}
