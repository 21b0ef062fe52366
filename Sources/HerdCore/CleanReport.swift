/// What `herd clean` did (or would do) on one host, parsed from the clean script's `@@` lines.
public struct CleanReport: Sendable, Equatable {
    /// One step of a tier.
    public struct Step: Sendable, Equatable {
        public var tier: String
        public var name: String
        /// removed, would-remove, skipped or failed.
        public var result: String
        public var bytes: UInt64
        public var note: String
    }

    /// Root disk use before and after, in KiB, and percent.
    public struct Disk: Sendable, Equatable {
        public var usedKB: UInt64
        public var sizeKB: UInt64
        public var percent: Int
    }

    public var steps: [Step]
    public var before: Disk?
    public var after: Disk?
    public var notes: [String]

    /// Bytes the steps removed or would remove.
    public var stepBytes: UInt64 { steps.filter { $0.result == "removed" || $0.result == "would-remove" }.map(\.bytes).reduce(0, Saturating.add) }

    /// Space freed on the root disk as df saw it (before − after), in bytes.
    public var freedBytes: UInt64? {
        guard let b = before, let a = after else { return nil }
        return b.usedKB > a.usedKB ? Saturating.multiply(b.usedKB - a.usedKB, 1024) : 0
    }

    /// Parses the script's output; lines it does not know are ignored.
    public static func parse(_ text: String) -> CleanReport {
        var r = CleanReport(steps: [], before: nil, after: nil, notes: [])
        for line in text.split(separator: "\n") {
            let f = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
            switch f.first {
            case "@@step" where f.count >= 5:
                r.steps.append(Step(tier: String(f[1]), name: String(f[2]), result: String(f[3]), bytes: UInt64(f[4]) ?? 0,
                                    note: f.count > 5 ? String(f[5]) : ""))
            case "@@df-before" where f.count >= 4, "@@df-after" where f.count >= 4:
                let d = Disk(usedKB: UInt64(f[1]) ?? 0, sizeKB: UInt64(f[2]) ?? 0, percent: Int(f[3]) ?? 0)
                if f[0] == "@@df-before" { r.before = d } else { r.after = d }
            case "@@note":
                r.notes.append(line.dropFirst(7).trimmingSpaces())
            default:
                break
            }
        }
        return r
    }
}
