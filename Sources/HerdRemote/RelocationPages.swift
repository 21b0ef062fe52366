import CHerdSys

/// The main program's relative-relocation table, which the loader reads once before `main` and nothing reads again:
/// 3 MB of a static-stdlib herd (168,000 entries), resident all run long unless given back. Every herd process gives
/// its pages back as it starts (`HerdMain.run`); see docs/DECISIONS.md.
public enum RelocationPages {
    /// What one call gave back.
    public struct Release: Sendable, Equatable {
        /// The table's run-time address and size in bytes (0 when the program has none).
        public var start: UInt
        public var length: Int
        /// Bytes no longer mapped: the whole pages inside the table; 0 when there is none, nil when madvise failed.
        public var released: Int?
    }

    /// Unmaps the table's whole pages (MADV_DONTNEED on a clean, read-only file mapping: a later read maps them
    /// again from the page cache, so nothing is lost whatever reads them).
    @discardableResult
    public static func release() -> Release {
        var start: UInt = 0
        var length: UInt = 0
        let rc = herd_release_relocation_pages(&start, &length)
        return Release(start: start, length: Int(length), released: rc < 0 ? nil : rc)
    }
}
