/// Filesystems from POSIX `df -Pk` output (1024-byte blocks; the mount point may contain spaces).
/// A filesystem whose figures fall outside `Plausible.diskBytes` is left out and reported by mount point.
public enum DFParser {
    /// The filesystems that parsed, and one problem per filesystem line with implausible figures.
    public struct Output: Sendable, Equatable {
        public var disks: [DiskUsage]
        public var problems: [String]
    }

    /// The figure columns' names, for problems.
    private static let columns = ["size", "used", "available"]

    public static func parse(_ lines: [Substring]) -> Output {
        var out = Output(disks: [], problems: [])
        for line in lines {
            if line.hasPrefix("Filesystem") { continue }
            // Split on the space byte (never part of a multi-byte character): no grapheme breaking per line.
            let f = line.utf8.split(separator: 0x20, omittingEmptySubsequences: true).map { Substring($0) }
            guard f.count >= 6, f[4].hasSuffix("%") else { continue }
            // The mount point is everything after the capacity column (it may contain spaces).
            let mount = f.count == 6 ? String(f[5]) : f[5...].joined(separator: " ")
            let readings = f[1...3].map { Plausible.bytes($0, unit: 1024, in: Plausible.diskBytes) }
            if readings.contains(.notANumber) { continue }
            let wrong = readings.indices.filter { readings[$0].value == nil }.map { columns[$0] }
            guard wrong.isEmpty, let total = readings[0].value, let used = readings[1].value, let avail = readings[2].value else {
                out.problems.append("\(mount.prefix(64)): \(wrong.joined(separator: ", ")) out of range")
                continue
            }
            out.disks.append(DiskUsage(mount: mount, total: total, used: used, available: avail))
        }
        if out.disks.isEmpty && out.problems.isEmpty { out.problems.append("no filesystem lines") }
        return out
    }
}
