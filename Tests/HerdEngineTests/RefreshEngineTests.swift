import Foundation
import HerdCore
import HerdEngine
import Testing

@Suite(.timeLimit(.minutes(1))) struct RefreshEngineTests {
    static func hosts(_ names: [String]) -> [Host] { names.map { Host(name: $0, ssh: $0) } }

    @Test func aRoundParsesAnswersAndMarksFailures() async {
        let prober = FakeProber(["a": .answer(goodProbe), "b": .unreachable("Connection refused"), "c": .answer("junk")])
        let engine = RefreshEngine(hosts: Self.hosts(["a", "b", "c"]), prober: prober)
        let snap = await engine.round()
        #expect(snap.hosts.map(\.status) == [.complete, .unreachable, .partial])
        #expect(snap.hosts[0].usage?.load1 == 1.5)
        #expect(snap.hosts[0].lastSeen != nil)
        #expect(snap.hosts[1].reasons == ["Connection refused"])
        #expect(snap.hosts[2].reasons == ["unrecognised probe output"])
        #expect(snap.aggregates.up == 2 && snap.aggregates.down == 1 && snap.aggregates.cpus == 8)
    }

    @Test func aHungHostCostsOnlyItsTimeout() async {
        let prober = FakeProber(["ok1": .answer(goodProbe), "hung": .hang, "ok2": .answer(goodProbe)])
        let config = RefreshConfig(timeout: .milliseconds(300))
        let engine = RefreshEngine(hosts: Self.hosts(["ok1", "hung", "ok2"]), prober: prober, config: config)
        let start = ContinuousClock.now
        let snap = await engine.round()
        // The hung host is given up after its 300 ms; the bound only has to tell that from a hang.
        #expect(ContinuousClock.now - start < .seconds(3))
        #expect(snap.hosts.map(\.status) == [.complete, .unreachable, .complete])
    }

    @Test func concurrencyIsBounded() async {
        let names = (1...20).map { "h\($0)" }
        let prober = FakeProber(Dictionary(uniqueKeysWithValues: names.map { ($0, FakeProber.Behaviour.delay(.milliseconds(20), goodProbe)) }))
        let engine = RefreshEngine(hosts: Self.hosts(names), prober: prober, config: RefreshConfig(concurrency: 4))
        let snap = await engine.round()
        #expect(snap.hosts.allSatisfy { $0.status == .complete })
        #expect(await prober.maxInFlight == 4)
        #expect(await prober.calls.count == 20)
    }

    @Test func failedHostsBackOffThenComeBack() async throws {
        let prober = FakeProber(["a": .answer(goodProbe), "b": .unreachable("Connection refused")])
        let config = RefreshConfig(backoffBase: .milliseconds(200), backoffMax: .milliseconds(400))
        let engine = RefreshEngine(hosts: Self.hosts(["a", "b"]), prober: prober, config: config)
        await engine.round()
        await engine.round()  // b is backing off: not probed again yet
        #expect(await prober.calls.filter { $0 == "b" }.count == 1)
        #expect(await prober.calls.filter { $0 == "a" }.count == 2)
        await prober.set("b", .answer(goodProbe))
        try await Task.sleep(for: .milliseconds(250))
        let snap = await engine.round()
        #expect(snap.hosts[1].status == .complete)
        #expect(snap.hosts[1].failures == 0)
    }

    @Test func backoffDoublesUpToTheMaximum() {
        let c = RefreshConfig(backoffBase: .seconds(1), backoffMax: .seconds(30))
        #expect((0...7).map { c.backoff(after: $0) } == [0, 1, 2, 4, 8, 16, 30, 30].map { Duration.seconds($0) })
    }

    @Test func snapshotsStreamRoundsOnTheInterval() async {
        let prober = FakeProber(["a": .answer(goodProbe)])
        let engine = RefreshEngine(hosts: Self.hosts(["a"]), prober: prober, config: RefreshConfig(interval: .milliseconds(50)))
        var count = 0
        for await snap in engine.snapshots() {
            #expect(snap.hosts[0].status == .complete)
            count += 1
            if count == 3 { break }
        }
        #expect(count == 3)
    }

    @Test func setHostsKeepsKnownState() async {
        let prober = FakeProber(["a": .answer(goodProbe), "b": .answer(goodProbe)])
        let engine = RefreshEngine(hosts: Self.hosts(["a"]), prober: prober)
        await engine.round()
        await engine.setHosts(Self.hosts(["b", "a"]))
        let snap = await engine.current
        #expect(snap.hosts.map(\.host.name) == ["b", "a"])
        #expect(snap.hosts.map(\.status) == [.pending, .complete])
    }
}
