/// One host's `herd init` outcome per feature, parsed from `@@feature NAME STATUS DETAIL` lines.
public struct InitReport: Sendable, Equatable {
    /// One feature's line.
    public struct Entry: Sendable, Equatable {
        public var feature: String
        /// already, would, applied, skipped or failed.
        public var status: String
        public var detail: String
    }

    public var entries: [Entry]

    /// Parses the script's output; other lines are ignored.
    public static func parse(_ text: String) -> InitReport {
        InitReport(entries: text.split(separator: "\n").compactMap { line in
            let f = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true)
            guard f.count >= 3, f[0] == "@@feature" else { return nil }
            return Entry(feature: String(f[1]), status: String(f[2]), detail: f.count > 3 ? String(f[3]) : "")
        })
    }

    /// Whether any feature failed.
    public var hasFailures: Bool { entries.contains { $0.status == "failed" } }
}
