import Foundation
import HerdCore

/// Keeps every host's state current: rounds of probes, all hosts concurrently (bounded), a timeout per host,
/// back-off for hosts that fail, and a `Snapshot` after each round.
///
/// A host that hangs or dies only costs its own timeout; the others keep updating.
public actor RefreshEngine {
    public let config: RefreshConfig
    private let prober: any HostProber
    private var states: [HostState]
    private var nextAttempt: [String: ContinuousClock.Instant] = [:]
    private let clock = ContinuousClock()

    public init(hosts: [Host], prober: any HostProber, config: RefreshConfig = RefreshConfig()) {
        self.prober = prober
        self.config = config
        states = hosts.map { HostState(host: $0) }
    }

    /// The latest states as a snapshot, without probing.
    public var current: Snapshot { Snapshot(takenAt: Date(), hosts: states) }

    /// Fills in when hosts were last seen before this engine started (e.g. from an earlier herd call).
    public func seed(lastSeen: [String: Date]) {
        for i in states.indices where states[i].lastSeen == nil {
            states[i].lastSeen = lastSeen[states[i].host.name]
        }
    }

    /// Replaces the host list, keeping what is known about hosts that stay.
    public func setHosts(_ hosts: [Host]) {
        let old = Dictionary(states.map { ($0.host.name, $0) }, uniquingKeysWith: { a, _ in a })
        states = hosts.map { h in
            guard var s = old[h.name] else { return HostState(host: h) }
            s.host = h
            return s
        }
    }

    /// Probes every host whose back-off has passed (every host when `force`), then returns the snapshot.
    @discardableResult
    public func round(force: Bool = false) async -> Snapshot {
        let now = clock.now
        let due = states.enumerated().filter { force || (nextAttempt[$0.element.host.name].map { $0 <= now } ?? true) }
            .map { ($0.offset, $0.element.host) }
        let prober = self.prober, timeout = config.timeout
        var results: [(Int, ProbeOutcome)] = []
        await withTaskGroup(of: (Int, ProbeOutcome).self) { group in
            var iterator = due.makeIterator()
            var running = 0
            while running < config.concurrency, let (i, host) = iterator.next() {
                group.addTask { (i, await prober.probe(host, timeout: timeout)) }
                running += 1
            }
            while let r = await group.next() {
                results.append(r)
                if let (i, host) = iterator.next() {
                    group.addTask { (i, await prober.probe(host, timeout: timeout)) }
                }
            }
        }
        let finished = Date()
        for (i, outcome) in results where i < states.count {
            apply(outcome, to: i, at: finished)
        }
        return Snapshot(takenAt: finished, hosts: states)
    }

    /// Snapshots from rounds every `config.interval`, starting now, until the consumer stops listening.
    public nonisolated func snapshots() -> AsyncStream<Snapshot> {
        AsyncStream { continuation in
            let task = Task {
                while !Task.isCancelled {
                    let start = ContinuousClock.now
                    let snap = await self.round()
                    continuation.yield(snap)
                    let next = start + config.interval
                    try? await Task.sleep(until: next, clock: .continuous)
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Closes the prober's sessions.
    public func shutdown() async { await prober.shutdown() }

    private func apply(_ outcome: ProbeOutcome, to i: Int, at time: Date) {
        var s = states[i]
        switch outcome {
        case .answered(let text, let latency):
            let parsed = ProbeParser.parse(text)
            s.usage = parsed.usage
            s.status = parsed.problems.isEmpty ? .complete : .partial
            s.reasons = parsed.problems
            s.lastSeen = time
            s.latencyMs = latency.milliseconds
            s.failures = 0
            nextAttempt[s.host.name] = nil
        case .unreachable(let reason), .failed(let reason):
            if case .unreachable = outcome { s.status = .unreachable } else { s.status = .error }
            s.reasons = [reason]
            s.failures += 1
            nextAttempt[s.host.name] = clock.now + config.backoff(after: s.failures)
        }
        states[i] = s
    }
}
