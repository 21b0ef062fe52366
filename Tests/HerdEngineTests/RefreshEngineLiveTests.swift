import Foundation
import HerdCore
import HerdEngine
import Testing

/// `RefreshEngine.live()`: the roster at once, each host as it answers, a frozen host costing only its own row.
@Suite(.timeLimit(.minutes(1))) struct RefreshEngineLiveTests {
    static func hosts(_ names: [String]) -> [Host] { names.map { Host(name: $0, ssh: $0) } }

    @Test func theRosterComesFirstThenEachHostAsItAnswersWhileAFrozenHostHangs() async {
        let prober = FakeProber(["a": .answer(goodProbe), "frozen": .hang, "b": .delay(.milliseconds(30), goodProbe)])
        // The frozen host's timeout (3 s) is far longer than the interval (100 ms): the fast hosts must be probed
        // again and again meanwhile, and their updates must not wait for it.
        let config = RefreshConfig(interval: .milliseconds(100), timeout: .seconds(3))
        let engine = RefreshEngine(hosts: Self.hosts(["a", "frozen", "b"]), prober: prober, config: config)
        let start = ContinuousClock.now
        var first: Snapshot?
        var answers: [String: Int] = [:]
        var frozenSeen = false
        for await update in engine.live() {
            switch update {
            case .snapshot(let snap):
                first = snap
                #expect(ContinuousClock.now - start < .milliseconds(500), "the roster is published before any probe ends")
            case .host(let state, _):
                if state.host.name == "frozen" { frozenSeen = true }
                #expect(state.host.name == "frozen" || state.status == .complete)
                answers[state.host.name, default: 0] += 1
            }
            if (answers["a"] ?? 0) >= 3 && (answers["b"] ?? 0) >= 3 { break }
        }
        #expect(first?.hosts.map(\.host.name) == ["a", "frozen", "b"])
        #expect(first?.hosts.allSatisfy { $0.status == .pending } == true)
        #expect(!frozenSeen, "the frozen host's probe is still running (3 s timeout) while the others answered three times")
        #expect(ContinuousClock.now - start < .seconds(2.5))
        let calls = await prober.calls
        #expect(calls.filter { $0 == "frozen" }.count == 1, "a host in flight is not started again: \(calls)")
    }

    @Test func aFailingHostBacksOffAndAHostRemovedMeanwhileIsNotPublished() async {
        let prober = FakeProber(["a": .answer(goodProbe), "down": .unreachable("Connection refused")])
        let config = RefreshConfig(interval: .milliseconds(50), backoffBase: .seconds(30), backoffMax: .seconds(30))
        let engine = RefreshEngine(hosts: Self.hosts(["a", "down"]), prober: prober, config: config)
        var downUpdates: [HostState] = []
        var aCount = 0
        for await update in engine.live() {
            guard case .host(let state, _) = update else { continue }
            if state.host.name == "down" { downUpdates.append(state) } else { aCount += 1 }
            if aCount == 2 { await engine.setHosts(Self.hosts(["a"])) }
            if aCount >= 5 { break }
        }
        #expect(downUpdates.count == 1 && downUpdates.first?.status == .unreachable && downUpdates.first?.reasons == ["Connection refused"])
        #expect(await prober.calls.filter { $0 == "down" }.count == 1, "backing off for 30 s")
    }
}
