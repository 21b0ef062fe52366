import Foundation
import HerdCore
import HerdEngine
import HerdRemote
import HerdTestSupport
import Testing

/// The refresh engine over persistent sessions while hosts die, freeze and come back.
@Suite(.timeLimit(.minutes(3))) struct RefreshEngineFaultTests {
    static func engine(_ bed: TestBed, ctl: TempDir, timeout: Duration = .seconds(2)) -> RefreshEngine {
        let hosts = bed.hosts.map { HerdCore.Host(name: $0.name, ssh: $0.name) }
        let options = SSHOptions(configFile: bed.sshConfig, controlDir: ctl.path, connectTimeout: 2, controlPersist: "30")
        let config = RefreshConfig(interval: .milliseconds(200), timeout: timeout, backoffBase: .milliseconds(200), backoffMax: .milliseconds(800))
        return RefreshEngine(hosts: hosts, prober: SessionProber(options: options), config: config)
    }

    /// Runs rounds until `done` holds for a snapshot or `limit` passes; returns that snapshot.
    static func roundsUntil(_ engine: RefreshEngine, limit: Duration, _ done: (Snapshot) -> Bool) async -> Snapshot? {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            let s = await engine.round()
            if done(s) { return s }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }

    @Test func aKilledHostGoesUnreachableAndComesBackWithoutRestart() async throws {
        let ctl = try TempDir("herd-ctl")
        defer { ctl.remove() }
        try await withTestBed(3, prefix: "ra") { bed in
            let engine = Self.engine(bed, ctl: ctl)
            let warm = await Self.roundsUntil(engine, limit: .seconds(20)) { $0.hosts.allSatisfy { $0.status == .complete } }
            let first = try #require(warm, "sessions never all came up")
            let seenBefore = first.hosts[2].lastSeen!
            try await bed.kill("ra02")
            let start = ContinuousClock.now
            let down = await Self.roundsUntil(engine, limit: .seconds(4)) { $0.hosts[1].status == .unreachable }
            #expect(down != nil, "ra02 never turned unreachable")
            #expect(ContinuousClock.now - start < .seconds(3))
            #expect(down?.hosts[0].status == .complete && down?.hosts[2].status == .complete, "\(String(describing: down?.hosts.map { "\($0.status) \($0.reasons)" }))")
            #expect(down.map { $0.hosts[2].lastSeen! > seenBefore } == true)
            try await bed.revive("ra02")
            let back = await Self.roundsUntil(engine, limit: .seconds(8)) { $0.hosts[1].status == .complete }
            #expect(back != nil, "ra02 did not come back")
            await engine.shutdown()
        }
    }

    @Test func aFrozenHostCostsOnlyItsTimeout() async throws {
        let ctl = try TempDir("herd-ctl")
        defer { ctl.remove() }
        try await withTestBed(3, prefix: "rb") { bed in
            let engine = Self.engine(bed, ctl: ctl, timeout: .seconds(2))
            let warm = await Self.roundsUntil(engine, limit: .seconds(20)) { $0.hosts.allSatisfy { $0.status == .complete } }
            #expect(warm != nil, "sessions never all came up")
            try await bed.freeze("rb03")
            let start = ContinuousClock.now
            let snap = await engine.round()
            #expect(ContinuousClock.now - start < .milliseconds(2800))
            #expect(snap.hosts.map(\.status) == [.complete, .complete, .unreachable])
            try await bed.revive("rb03")
            let back = await Self.roundsUntil(engine, limit: .seconds(10)) { $0.hosts[2].status == .complete }
            #expect(back != nil, "rb03 did not come back after revive")
            await engine.shutdown()
        }
    }

    @Test func snapshotsKeepFlowingWhileAHostIsDown() async throws {
        let ctl = try TempDir("herd-ctl")
        defer { ctl.remove() }
        try await withTestBed(2, prefix: "rc") { bed in
            let engine = Self.engine(bed, ctl: ctl, timeout: .seconds(1))
            try await bed.kill("rc01")
            var seen: [Date] = []
            for await snap in engine.snapshots() {
                #expect(snap.hosts[0].status != .complete)
                if let t = snap.hosts[1].lastSeen, seen.last != t { seen.append(t) }
                if seen.count == 4 { break }
            }
            #expect(seen.count == 4)
            await engine.shutdown()
        }
    }
}
