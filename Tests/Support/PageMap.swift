import Foundation

/// Which pages of a process's address space are mapped, from `/proc/PID/pagemap` (bit 63 of each page's entry: the
/// page is present in RAM and mapped by that process). Reading a process other than yourself needs root, as the
/// test runs have.
public struct PageMap {
    /// The process, "self" for this one.
    public let pid: String

    public init(pid: String = "self") { self.pid = pid }

    /// The page size of this machine.
    public static let pageSize = UInt(sysconf(Int32(_SC_PAGESIZE)))

    /// How many of the whole pages inside [start, start + length) are mapped; nil when pagemap could not be read.
    public func presentPages(start: UInt, length: Int) -> Int? {
        let page = Self.pageSize
        let first = (start + page - 1) / page
        let end = (start + UInt(length)) / page
        guard end > first else { return 0 }
        let fd = open("/proc/\(pid)/pagemap", O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var entries = [UInt64](repeating: 0, count: Int(end - first))
        let want = entries.count * 8
        let got = entries.withUnsafeMutableBytes { pread(fd, $0.baseAddress, want, off_t(first * 8)) }
        guard got == want else { return nil }
        return entries.reduce(0) { $0 + (($1 >> 63) & 1 == 1 ? 1 : 0) }
    }

    /// The address the executable `path` is loaded at in the process (its mapping of file offset 0).
    public func loadBase(of path: String) -> UInt? {
        let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard let maps = try? String(contentsOfFile: "/proc/\(pid)/maps", encoding: .utf8) else { return nil }
        for line in maps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6, fields[5] == real, UInt(fields[2], radix: 16) == 0,
                let start = fields[0].split(separator: "-").first.flatMap({ UInt($0, radix: 16) }) else { continue }
            return start
        }
        return nil
    }
}
