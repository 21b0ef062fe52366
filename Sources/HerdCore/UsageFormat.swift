import Foundation

/// Compact human figures for tables and panes: sizes, ratios, ages.
public enum UsageFormat {
    /// Bytes in binary units with one decimal below 10: "512M", "7.8G", "31G", "1.8T".
    public static func bytes(_ n: UInt64) -> String {
        let units = ["B", "K", "M", "G", "T", "P"]
        var v = Double(n)
        var u = 0
        while v >= 1024, u < units.count - 1 {
            v /= 1024
            u += 1
        }
        if u == 0 { return "\(n)B" }
        return v < 10 ? String(format: "%.1f%@", v, units[u]) : "\(Saturating.rounded(v))\(units[u])"
    }

    /// "used/total" in the total's unit style: "7.8G/31G".
    public static func usedOfTotal(_ used: UInt64?, _ total: UInt64?) -> String {
        guard let used, let total else { return "-" }
        return "\(bytes(used))/\(bytes(total))"
    }

    /// A load average with two decimals.
    public static func load(_ v: Double?) -> String {
        guard let v else { return "-" }
        guard v.isFinite, abs(v) < 1e9 else { return "?" }
        return String(format: "%.2f", v)
    }

    /// Mean GPU utilisation and count: "97% x4", "-" without GPUs.
    public static func gpu(_ usage: HostUsage?) -> String {
        guard let u = usage, !u.gpus.isEmpty else { return "-" }
        let util = u.gpuUtilization.map { "\(Saturating.rounded($0))%" } ?? "?"
        return u.gpus.count == 1 ? util : "\(util) x\(u.gpus.count)"
    }

    /// An age in the largest fitting unit: "3s", "5m", "2h", "4d"; "-" when never.
    public static func age(_ seconds: TimeInterval?) -> String {
        guard let s = seconds else { return "-" }
        guard s.isFinite else { return "?" }
        switch s {
        case ..<60: return "\(Saturating.int(s))s"
        case ..<3600: return "\(Saturating.int(s / 60))m"
        case ..<86400: return "\(Saturating.int(s / 3600))h"
        default: return "\(Saturating.int(s / 86400))d"
        }
    }

    /// Milliseconds with one decimal below 10: "2.4ms", "140ms".
    public static func millis(_ ms: Double?) -> String {
        guard let ms else { return "-" }
        guard ms.isFinite else { return "?" }
        return ms < 10 ? String(format: "%.1fms", ms) : "\(Saturating.rounded(ms))ms"
    }
}
