import HerdRemote
import Testing

@Suite(.timeLimit(.minutes(1))) struct ChannelBudgetTests {
    /// Counts how many bodies run at once.
    actor Gauge {
        var now = 0, peak = 0
        func enter() { now += 1; peak = max(peak, now) }
        func leave() { now -= 1 }
    }

    @Test func atMostEightChannelsPerHostOthersUnaffected() async throws {
        let budget = ChannelBudget(perHost: 8)
        let a = Gauge(), b = Gauge()
        await withTaskGroup(of: Void.self) { group in
            for i in 0..<40 {
                let (host, gauge) = i % 4 == 0 ? ("b", b) : ("a", a)
                group.addTask {
                    await budget.withChannel(host) {
                        await gauge.enter()
                        try? await Task.sleep(for: .milliseconds(10))
                        await gauge.leave()
                    }
                }
            }
        }
        #expect(await a.peak == 8)
        #expect(await b.peak == 8)
        #expect(await budget.used("a") == 0)
        #expect(await budget.used("b") == 0)
    }

    @Test func aThrowingBodyReleasesItsChannel() async {
        let budget = ChannelBudget(perHost: 1)
        struct Boom: Error {}
        await #expect(throws: Boom.self) { try await budget.withChannel("h") { throw Boom() } }
        let r = await budget.withChannel("h") { 42 }
        #expect(r == 42)
    }
}
