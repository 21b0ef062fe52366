/// The descriptive parts of a probe (axis's facts): CPU model, addresses and the disk list. Every value comes from a
/// host and is hostile: each is bounded in length and count and checked character by character; what fails is
/// dropped (never shown raw), and the caller notes a problem only where a whole part is unusable.
public enum HostDetailsParser {
    /// Longest CPU model kept, in characters.
    public static let cpuModelLength = 128
    /// Most addresses kept per host, and most interfaces.
    public static let maxAddresses = 64
    /// Most filesystems kept per host.
    public static let maxDisks = 64
    /// Longest mount point kept, in characters.
    public static let mountLength = 256

    /// The CPU model from the `@@cpu` section: a `/proc/cpuinfo` line ("model name : …") or a bare brand string
    /// (macOS); nil when empty, too long or not printable text.
    public static func cpuModel(_ lines: [Substring]) -> String? {
        guard let first = lines.first else { return nil }
        let raw = first.contains(":") ? Facts.cpuModel(fromCPUInfo: String(first)) : first.trimmingSpaces()
        guard let v = raw.map({ $0.trimmingSpaces() }), !v.isEmpty, v.count <= cpuModelLength,
              v.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7f && !(0x80...0x9f).contains($0.value) }) else { return nil }
        return v
    }

    /// Interface → addresses from `ip -o addr show` lines (loopback left out, prefixes dropped).
    public static func ipAddresses(_ lines: [Substring]) -> [String: [String]] {
        var out: [String: [String]] = [:]
        var count = 0
        for line in lines.prefix(4 * maxAddresses) {
            let f = line.split(separator: " ", omittingEmptySubsequences: true)
            guard f.count >= 4, f[2] == "inet" || f[2] == "inet6" else { continue }
            let iface = f[1].split(separator: "@").first.map(String.init) ?? ""
            guard isInterfaceName(iface), iface != "lo", let addr = address(f[3]) else { continue }
            guard count < maxAddresses, out[iface]?.contains(addr) != true else { continue }
            out[iface, default: []].append(addr)
            count += 1
        }
        return out
    }

    /// Interface → addresses from macOS `ifconfig` (an `en0: flags=…` line, then indented `inet`/`inet6` lines;
    /// a `%scope` suffix dropped, loopback left out).
    public static func ifconfigAddresses(_ lines: [Substring]) -> [String: [String]] {
        var out: [String: [String]] = [:]
        var iface: String?
        var count = 0
        for line in lines.prefix(64 * maxAddresses) {
            if let first = line.first, first != " " && first != "\t" {
                let name = line.split(separator: ":").first.map(String.init) ?? ""
                iface = isInterfaceName(name) && !name.hasPrefix("lo") ? name : nil
                continue
            }
            let f = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let i = iface, f.count >= 2, f[0] == "inet" || f[0] == "inet6",
                  let addr = address(f[1].split(separator: "%").first ?? ""), count < maxAddresses, out[i]?.contains(addr) != true else { continue }
            out[i, default: []].append(addr)
            count += 1
        }
        return out
    }

    /// Addresses from `hostname -I` (no interface names: all under `*`).
    public static func hostAddresses(_ lines: [Substring]) -> [String: [String]] {
        var all: [String] = []
        for word in lines.prefix(4).flatMap({ $0.split(separator: " ") }) {
            guard all.count < maxAddresses, let a = address(word), !all.contains(a) else { continue }
            all.append(a)
        }
        return all.isEmpty ? [:] : ["*": all]
    }

    /// The filesystems worth listing: pseudo and empty ones left out, mounts bounded and free of control
    /// characters, each mount once, at most `maxDisks`.
    public static func disks(_ parsed: [DiskUsage]) -> [DiskUsage] {
        var out: [DiskUsage] = []
        for d in parsed where out.count < maxDisks && d.total > 0 && !out.contains(where: { $0.mount == d.mount }) {
            guard d.mount.hasPrefix("/"), d.mount.count <= mountLength,
                  d.mount.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7f && !(0x80...0x9f).contains($0.value) }),
                  !["/dev", "/sys", "/proc", "/run"].contains(where: { d.mount == $0 || d.mount.hasPrefix($0 + "/") }) else { continue }
            out.append(d)
        }
        return out
    }

    /// A numeric IPv4 or IPv6 address (a `/prefix` dropped), or nil; loopback addresses are left out.
    static func address(_ word: Substring) -> String? {
        let a = word.split(separator: "/").first.map(String.init) ?? ""
        guard (2...45).contains(a.count), a.contains(".") || a.contains(":"),
              a.allSatisfy({ $0.isASCII && ($0.isHexDigit || $0 == "." || $0 == ":") }),
              !a.hasPrefix("127."), a != "::1" else { return nil }
        return a
    }

    /// An interface name as Linux allows them: 1–15 characters of letters, digits, `.`, `_`, `-`, `:`.
    static func isInterfaceName(_ s: String) -> Bool {
        (1...15).contains(s.count) && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-:".contains($0)) }
    }
}
