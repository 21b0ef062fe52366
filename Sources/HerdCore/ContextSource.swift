import Foundation

/// Where the figures of a `ClusterContext` come from: a probe herd just made, a running `herd serve`'s cache, or a
/// probe made because the cache was asked for and could not answer (with the reason).
public enum ContextSource: Sendable, Equatable {
    /// Probed now; the snapshot's time.
    case live(takenAt: Date)
    /// Read from the daemon's cache, whose snapshot was taken at `takenAt`.
    case daemonCache(takenAt: Date)
    /// Probed now because the daemon's cache could not answer (`--cached`); `reason` says why, in one line.
    case liveFallback(takenAt: Date, reason: String)

    /// `live probe at 2026-11-25T20:40:00Z`, `daemon-cache, 12s old (taken 2026-…)` or `live probe at … (no daemon
    /// cache: no daemon running …)`.
    public func describe(now: Date) -> String {
        switch self {
        case .live(let t):
            return "live probe at \(Self.iso(t))"
        case .daemonCache(let t):
            return "daemon-cache, \(UsageFormat.age(max(0, now.timeIntervalSince(t)))) old (taken \(Self.iso(t)))"
        case .liveFallback(let t, let reason):
            return "live probe at \(Self.iso(t)) (no daemon cache: \(reason))"
        }
    }

    /// `live`, `daemon-cache` or `live-fallback`, as the JSON documents name it.
    public var kind: String {
        switch self {
        case .live: return "live"
        case .daemonCache: return "daemon-cache"
        case .liveFallback: return "live-fallback"
        }
    }

    /// Why the read went live after all (`liveFallback`), else nil.
    public var reason: String? {
        if case .liveFallback(_, let reason) = self { return reason }
        return nil
    }

    /// When the snapshot was taken.
    public var takenAt: Date {
        switch self {
        case .live(let t), .daemonCache(let t), .liveFallback(let t, _): return t
        }
    }

    static func iso(_ d: Date) -> String { ISO8601DateFormatter().string(from: d) }
}
