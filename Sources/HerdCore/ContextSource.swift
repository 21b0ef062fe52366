import Foundation

/// Where the figures of a `ClusterContext` come from: a probe herd just made, or a running `herd serve`'s cache.
public enum ContextSource: Sendable, Equatable {
    /// Probed now; the snapshot's time.
    case live(takenAt: Date)
    /// Read from the daemon's cache, whose snapshot was taken at `takenAt`.
    case daemonCache(takenAt: Date)

    /// `live probe at 2026-11-25T20:40:00Z` or `daemon-cache, 12s old (taken 2026-…)`.
    public func describe(now: Date) -> String {
        switch self {
        case .live(let t):
            return "live probe at \(Self.iso(t))"
        case .daemonCache(let t):
            return "daemon-cache, \(UsageFormat.age(max(0, now.timeIntervalSince(t)))) old (taken \(Self.iso(t)))"
        }
    }

    /// `live` or `daemon-cache`, as the JSON documents name it.
    public var kind: String {
        switch self {
        case .live: return "live"
        case .daemonCache: return "daemon-cache"
        }
    }

    /// When the snapshot was taken.
    public var takenAt: Date {
        switch self {
        case .live(let t), .daemonCache(let t): return t
        }
    }

    static func iso(_ d: Date) -> String { ISO8601DateFormatter().string(from: d) }
}
