import Foundation

/// What herd knows about one host right now: the last probe's status and usage, and when it last answered.
public struct HostState: Codable, Sendable, Equatable {
    public var host: Host
    public var status: HostStatus
    /// Why the host is partial, unreachable or in error (one line each).
    public var reasons: [String]
    /// The usage from the last probe that answered (kept while the host is down, for context).
    public var usage: HostUsage?
    /// When the host last answered a probe.
    public var lastSeen: Date?
    /// Round-trip time of the last successful probe, in milliseconds.
    public var latencyMs: Double?
    /// Consecutive failed probes.
    public var failures: Int
    /// When the engine tries a failed host again (its back-off); nil while the host answers.
    public var retryAt: Date?

    public init(
        host: Host, status: HostStatus = .pending, reasons: [String] = [], usage: HostUsage? = nil,
        lastSeen: Date? = nil, latencyMs: Double? = nil, failures: Int = 0
    ) {
        self.host = host
        self.status = status
        self.reasons = reasons
        self.usage = usage
        self.lastSeen = lastSeen
        self.latencyMs = latencyMs
        self.failures = failures
    }

    /// Seconds since the host last answered, at `now`; nil if it never did.
    public func age(at now: Date) -> TimeInterval? { lastSeen.map { max(0, now.timeIntervalSince($0)) } }
}
