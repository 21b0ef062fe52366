import Foundation
import HerdCore

/// The dashboard's way of running the engine: no rounds that wait for their slowest host. Every `interval` the
/// hosts that are due (not in flight, back-off passed) are started, at most `concurrency` at once; each result is
/// applied and published on its own. A frozen host is in flight for its own timeout while the others go on.
extension RefreshEngine {
    /// The live updates: `.snapshot` of every host at once, then `.host` per finished probe, until the consumer
    /// stops listening. `round()` (the CLI's one-shot use) and `snapshots()` are unchanged.
    public nonisolated func live() -> AsyncStream<LiveUpdate> {
        AsyncStream(bufferingPolicy: .unbounded) { continuation in
            let task = Task { await self.runLive(continuation) }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// What wakes the live loop: the interval's tick or one host's finished probe.
    private enum Wake: Sendable {
        case tick
        case done(Host, ProbeOutcome)
    }

    private func runLive(_ out: AsyncStream<LiveUpdate>.Continuation) async {
        out.yield(.snapshot(current))
        let prober = self.prober, global = config.timeout, interval = config.interval, limit = config.concurrency
        var inFlight: Set<String> = []
        var queued: [Host] = []
        var position: [String: Int] = [:]
        await withTaskGroup(of: Wake.self) { group in
            group.addTask { .tick }
            while !Task.isCancelled, let wake = await group.next() {
                switch wake {
                case .tick:
                    let now = clock.now
                    let waiting = Set(queued.map(Self.key))
                    position = Dictionary(states.indices.map { (Self.key(states[$0].host), $0) }, uniquingKeysWith: { a, _ in a })
                    for s in states {
                        let k = Self.key(s.host)
                        guard !inFlight.contains(k), !waiting.contains(k) else { continue }
                        if let due = nextAttempt[s.host.name], due > now { continue }
                        queued.append(s.host)
                    }
                    let next = now + interval
                    group.addTask {
                        try? await Task.sleep(until: next, clock: .continuous)
                        return .tick
                    }
                case .done(let host, let outcome):
                    let k = Self.key(host)
                    inFlight.remove(k)
                    // The host list may have changed while the probe ran (setHosts): match by name and target.
                    let i = position[k].flatMap { states.indices.contains($0) && Self.key(states[$0].host) == k ? $0 : nil }
                        ?? states.firstIndex { Self.key($0.host) == k }
                    if let i {
                        let time = Date()
                        apply(outcome, to: i, at: time)
                        out.yield(.host(states[i], at: time))
                    } else {
                        // A probe under way when its host left may have reopened a session: close it again.
                        await prober.forget([host])
                    }
                }
                while inFlight.count < limit, !queued.isEmpty {
                    let host = queued.removeFirst()
                    guard members.contains(Self.key(host)) else { continue }
                    inFlight.insert(Self.key(host))
                    group.addTask { .done(host, await prober.probe(host, timeout: host.probeTimeout(global: global))) }
                }
            }
            group.cancelAll()
        }
        out.finish()
    }
}
