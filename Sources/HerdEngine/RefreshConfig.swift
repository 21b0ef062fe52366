/// How the refresh engine paces its work.
public struct RefreshConfig: Sendable, Equatable {
    /// Time between the starts of two rounds.
    public var interval: Duration
    /// Hosts probed at once.
    public var concurrency: Int
    /// How long one host may take before it counts as unreachable.
    public var timeout: Duration
    /// First wait before retrying a host that failed; doubles per failure up to `backoffMax`.
    public var backoffBase: Duration
    public var backoffMax: Duration

    public init(
        interval: Duration = .seconds(2), concurrency: Int = 32, timeout: Duration = .seconds(5),
        backoffBase: Duration = .seconds(1), backoffMax: Duration = .seconds(30)
    ) {
        self.interval = interval
        self.concurrency = max(1, concurrency)
        self.timeout = timeout
        self.backoffBase = backoffBase
        self.backoffMax = backoffMax
    }

    /// The wait before the next attempt after `failures` consecutive failures.
    public func backoff(after failures: Int) -> Duration {
        guard failures > 0 else { return .zero }
        var d = backoffBase
        for _ in 1..<min(failures, 16) {
            d = d * 2
            if d >= backoffMax { return backoffMax }
        }
        return min(d, backoffMax)
    }
}
