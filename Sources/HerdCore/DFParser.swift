/// Filesystems from POSIX `df -Pk` output (1024-byte blocks; the mount point may contain spaces).
public enum DFParser {
    public static func parse(_ lines: [Substring]) -> Result<[DiskUsage], ParseFailure> {
        var disks: [DiskUsage] = []
        for line in lines {
            if line.hasPrefix("Filesystem") { continue }
            let f = line.split(separator: " ", omittingEmptySubsequences: true)
            guard f.count >= 6, let total = UInt64(f[1]), let used = UInt64(f[2]), let avail = UInt64(f[3]),
                f[4].hasSuffix("%")
            else { continue }
            // The mount point is everything after the capacity column (it may contain spaces).
            let mount = f[5...].joined(separator: " ")
            disks.append(DiskUsage(mount: mount, total: total * 1024, used: used * 1024, available: avail * 1024))
        }
        return disks.isEmpty ? .failure(ParseFailure("no filesystem lines")) : .success(disks)
    }
}
