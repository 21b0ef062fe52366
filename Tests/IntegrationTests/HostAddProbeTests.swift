import Foundation
import HerdCore
import HerdTestSupport
import Testing

/// `herd host add` asks the host its OS (as pool's add does), within 3 s: a live host's OS is recorded; a frozen
/// host is still added, promptly, with the reason the OS is unknown.
@Suite(.serialized, .timeLimit(.minutes(1))) struct HostAddProbeTests {
    @Test func aLiveHostsOSIsRecordedAFrozenHostIsAddedWithinTheBound() async throws {
        let home = try TempDir()
        defer { home.remove() }
        try await withTestBed(2, prefix: "h7a") { bed in
            let herd = HerdBinary(home: home.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
            let live = try await herd.run(["host", "add", "h7a01", "h7a01"])
            #expect(live.status == 0 && live.stdoutText == "added h7a01 (h7a01), the default host; OS linux\n", "\(live.stdoutText) \(live.stderrText)")

            try await bed.freeze("h7a02")
            let start = ContinuousClock.now
            let frozen = try await herd.run(["host", "add", "h7a02", "h7a02"])
            let took = ContinuousClock.now - start
            #expect(frozen.status == 0)
            #expect(frozen.stdoutText == "added h7a02 (h7a02); OS unknown: host did not answer within 3s\n", "\(frozen.stdoutText)")
            // The bound is 3 s; the rest is herd's own start-up and the roster writes.
            #expect(took < .seconds(6), "took \(took)")
            #expect(took >= .seconds(3))

            let hosts = try String(contentsOfFile: home.file("home/hosts.json"), encoding: .utf8)
            let roster = try RosterCodec.decode(Data(hosts.utf8), file: "hosts.json")
            #expect(roster.hosts.map(\.os) == ["linux", ""])
        }
    }
}
