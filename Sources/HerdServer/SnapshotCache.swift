import Foundation
import HerdCore
import HerdEngine

/// The daemon's view of the hosts: the latest snapshot of the refresh engine, served without waiting on any host.
///
/// Rounds run one at a time. A read returns the cached snapshot at once; only after `invalidate` (or before the
/// first round) does it wait, for a round that started after the invalidation.
public actor SnapshotCache {
    public let engine: RefreshEngine
    private var latest: Snapshot?
    private var valid = false
    /// Raised by `invalidate`: a round that started under an older generation does not make the cache valid.
    private var generation = 0
    private var running = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    /// When the last round ended, and how long it took.
    public private(set) var lastRound: (at: Date, seconds: Double)?

    public init(engine: RefreshEngine) { self.engine = engine }

    /// The cached snapshot; waits for a fresh round only when there is none or it was invalidated.
    public func snapshot() async -> Snapshot {
        while !valid || latest == nil { await round(force: false) }
        return latest ?? Snapshot(takenAt: Date(), hosts: [])
    }

    /// The cached snapshot if there is one, never waiting (for /metrics and /healthz).
    public var cached: Snapshot? { latest }

    /// Probes now (every host, back-off ignored when `force`) after any round under way, and returns the result.
    @discardableResult
    public func round(force: Bool) async -> Snapshot {
        while running { await withCheckedContinuation { waiters.append($0) } }
        running = true
        let started = generation
        let clock = ContinuousClock()
        let t0 = clock.now
        let s = await engine.round(force: force)
        latest = s
        if started == generation { valid = true }
        lastRound = (Date(), (clock.now - t0).seconds)
        running = false
        let w = waiters
        waiters = []
        for c in w { c.resume() }
        return s
    }

    /// Drops the cache: the next read waits for a round that starts after this call.
    public func invalidate() {
        generation += 1
        valid = false
    }

    /// Whether the cache holds a snapshot that reads may use as it is.
    public var isValid: Bool { valid && latest != nil }
}

extension Duration {
    /// The duration in seconds, as a Double.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
