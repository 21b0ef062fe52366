import Foundation
import HerdCore
import HerdEngine
import Testing

/// A host's own `timeout` (hosts.json) bounds its probe instead of the global `--timeout`, both ways.
@Suite(.timeLimit(.minutes(1))) struct PerHostTimeoutTests {
    @Test func aShortPerHostTimeoutEndsAHungHostBeforeTheGlobalOne() async {
        let prober = FakeProber(["hung": .hang, "ok": .answer(goodProbe)])
        let hosts = [Host(name: "hung", ssh: "hung", timeout: 0.2), Host(name: "ok", ssh: "ok")]
        let engine = RefreshEngine(hosts: hosts, prober: prober, config: RefreshConfig(timeout: .seconds(60)))
        let start = ContinuousClock.now
        let snap = await engine.round()
        #expect(ContinuousClock.now - start < .seconds(10), "the hung host was held to the global 60 s")
        #expect(snap.hosts.map(\.status) == [.unreachable, .complete])
        #expect(snap.hosts[0].reasons == ["no answer within \(Duration.milliseconds(200))"])
    }

    @Test func aLongPerHostTimeoutOutlastsTheGlobalOne() async {
        let prober = FakeProber(["far": .hang, "near": .hang])
        let hosts = [Host(name: "far", ssh: "far", timeout: 0.5), Host(name: "near", ssh: "near")]
        let engine = RefreshEngine(hosts: hosts, prober: prober, config: RefreshConfig(timeout: .milliseconds(100)))
        let snap = await engine.round()
        #expect(snap.hosts[0].reasons == ["no answer within \(Duration.milliseconds(500))"])
        #expect(snap.hosts[1].reasons == ["no answer within \(Duration.milliseconds(100))"])
    }

    @Test func probeTimeoutPrefersTheHostsOwn() {
        #expect(Host(name: "a", ssh: "a").probeTimeout(global: .seconds(5)) == .seconds(5))
        #expect(Host(name: "a", ssh: "a", timeout: 12.5).probeTimeout(global: .seconds(5)) == .milliseconds(12500))
    }
}
