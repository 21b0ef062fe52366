import Foundation
import HerdCore

/// Keeps every host's state current: rounds of probes, all hosts concurrently (bounded), a timeout per host,
/// back-off for hosts that fail, and a `Snapshot` after each round.
///
/// A host that hangs or dies only costs its own timeout; the others keep updating.
public actor RefreshEngine {
    public let config: RefreshConfig
    let prober: any HostProber
    var states: [HostState]
    var nextAttempt: [String: ContinuousClock.Instant] = [:]
    /// Per host name, the last parse of the part of its probe that does not change (see `ProbeParser.StaticPart`).
    var fixedParts: [String: ProbeParser.StaticPart] = [:]
    /// `key(host)` of every host in `states`.
    var members: Set<String>
    let clock = ContinuousClock()

    public init(hosts: [Host], prober: any HostProber, config: RefreshConfig = RefreshConfig()) {
        self.prober = prober
        self.config = config
        states = hosts.map { HostState(host: $0) }
        members = Set(hosts.map(Self.key))
    }

    /// A host's identity for the engine: its name and its target.
    static func key(_ h: Host) -> String { "\(h.name)\u{0}\(h.ssh)" }

    /// The latest states as a snapshot, without probing.
    public var current: Snapshot { Snapshot(takenAt: Date(), hosts: states) }

    /// Fills in when hosts were last seen before this engine started (e.g. from an earlier herd call).
    public func seed(lastSeen: [String: Date]) {
        for i in states.indices where states[i].lastSeen == nil {
            states[i].lastSeen = lastSeen[states[i].host.name]
        }
    }

    /// Replaces the host list, keeping what is known about hosts that stay (same name and target). Hosts that left,
    /// or whose target changed, are forgotten by the prober (their sessions close); new ones are probed next round.
    public func setHosts(_ hosts: [Host]) async {
        let old = Dictionary(states.map { ($0.host.name, $0) }, uniquingKeysWith: { a, _ in a })
        let kept = Set(hosts.map(Self.key))
        let gone = states.map(\.host).filter { !kept.contains(Self.key($0)) }
        members = kept
        states = hosts.map { h in
            guard var s = old[h.name], s.host.ssh == h.ssh else { return HostState(host: h) }
            s.host = h
            return s
        }
        for h in gone {
            nextAttempt[h.name] = nil
            fixedParts[h.name] = nil
        }
        if !gone.isEmpty { await prober.forget(gone) }
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
                group.addTask { (i, await prober.probe(host, timeout: host.probeTimeout(global: timeout))) }
                running += 1
            }
            while let r = await group.next() {
                results.append(r)
                // A host removed by setHosts while this round runs is not probed any more.
                while let (i, host) = iterator.next() {
                    guard members.contains(Self.key(host)) else { continue }
                    group.addTask { (i, await prober.probe(host, timeout: host.probeTimeout(global: timeout))) }
                    break
                }
            }
        }
        let finished = Date()
        // The host list may have changed while the probes ran (setHosts): match results by name and target.
        let probed = Dictionary(due, uniquingKeysWith: { a, _ in a })
        let index = Dictionary(states.indices.map { (Self.key(states[$0].host), $0) }, uniquingKeysWith: { a, _ in a })
        var stale: [Host] = []
        for (i, outcome) in results {
            guard let h = probed[i] else { continue }
            guard let j = index[Self.key(h)] else { stale.append(h); continue }
            apply(outcome, to: j, at: finished)
        }
        // A probe that was under way when its host left may have reopened a session: close it again.
        if !stale.isEmpty { await prober.forget(stale) }
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

    func apply(_ outcome: ProbeOutcome, to i: Int, at time: Date) {
        var s = states[i]
        let parsed: ProbeParser.Result, latency: Duration
        switch outcome {
        case .answered(let text, let l):
            (parsed, latency) = (ProbeParser.parse(text, reusing: &fixedParts[s.host.name]), l)
        case .answeredLines(let lines, let l):
            (parsed, latency) = (ProbeParser.parse(lines: lines, reusing: &fixedParts[s.host.name]), l)
        case .unreachable(let reason), .failed(let reason):
            if case .unreachable = outcome { s.status = .unreachable } else { s.status = .error }
            s.reasons = [reason]
            s.failures += 1
            let wait = config.backoff(after: s.failures)
            nextAttempt[s.host.name] = clock.now + wait
            s.retryAt = time.addingTimeInterval(Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18)
            states[i] = s
            return
        }
        s.usage = parsed.usage
        s.status = parsed.problems.isEmpty ? .complete : .partial
        s.reasons = parsed.problems
        s.lastSeen = time
        s.latencyMs = latency.milliseconds
        s.failures = 0
        nextAttempt[s.host.name] = nil
        s.retryAt = nil
        states[i] = s
    }
}
