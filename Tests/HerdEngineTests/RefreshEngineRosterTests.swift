import Foundation
import HerdCore
import HerdEngine
import Testing

/// The engine's host set changing under it (the dashboard reloading hosts.json): results of a round that was
/// under way land on the right hosts, and the prober forgets hosts that left.
@Suite(.timeLimit(.minutes(1))) struct RefreshEngineRosterTests {
    /// Answers every host at once except `held`, which answers only when released; records `forget` calls.
    actor GatedProber: HostProber {
        let held: String
        private(set) var started: [String] = []
        private(set) var forgotten: [String] = []
        private var release: CheckedContinuation<Void, Never>?
        private var released = false

        init(held: String) { self.held = held }

        func probe(_ host: Host, timeout: Duration) async -> ProbeOutcome {
            started.append(host.name)
            if host.name == held && !released {
                await withCheckedContinuation { release = $0 }
            }
            return .answered(goodProbe, latency: .milliseconds(1))
        }

        func open() {
            released = true
            release?.resume()
            release = nil
        }

        func shutdown() async {}
        func forget(_ hosts: [Host]) async { forgotten += hosts.map(\.name) }
    }

    static func waitUntil(_ condition: () async -> Bool) async {
        while await !condition() { await Task.yield() }
    }

    @Test func aResultOfARemovedHostDoesNotLandOnAnother() async {
        let prober = GatedProber(held: "a")
        let hosts = ["a", "b", "x"].map { Host(name: $0, ssh: $0) }
        let engine = RefreshEngine(hosts: hosts, prober: prober, config: RefreshConfig(concurrency: 1))
        let round = Task { await engine.round() }
        await Self.waitUntil { await prober.started == ["a"] }
        // While a's probe is under way: a and x leave, c arrives, b moves to the front.
        await engine.setHosts([Host(name: "b", ssh: "b"), Host(name: "c", ssh: "c")])
        await prober.open()
        let snap = await round.value
        #expect(snap.hosts.map(\.host.name) == ["b", "c"])
        // By position, a's answer would have gone to b and b's to c: each result goes to its own host.
        #expect(snap.hosts.map(\.status) == [.complete, .pending])
        #expect(await prober.started == ["a", "b"], "x left before its turn and was not probed")
        #expect(await prober.forgotten == ["a", "x", "a"], "forgotten when they left, and a again after its in-flight probe")
        let next = await engine.round()
        #expect(next.hosts.map(\.status) == [.complete, .complete])
    }

    @Test func aTargetChangeStartsTheHostAfreshAndForgetsTheOldSession() async {
        let prober = GatedProber(held: "")
        let engine = RefreshEngine(hosts: [Host(name: "a", ssh: "old")], prober: prober)
        await engine.round()
        await engine.setHosts([Host(name: "a", ssh: "new", shared: false)])
        let snap = await engine.current
        #expect(snap.hosts.map(\.status) == [.pending] && snap.hosts[0].host.dedicated)
        #expect(await prober.forgotten == ["a"])
    }
}
