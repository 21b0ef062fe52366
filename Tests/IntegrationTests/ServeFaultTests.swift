import Foundation
import HerdRemote
import HerdTestSupport
import Testing

/// `herd serve` when a host freezes: cached reads keep answering at once while the rounds wait on that host's timeout.
@Suite(.timeLimit(.minutes(3))) struct ServeFaultTests {
    @Test func frozenHostNeverDelaysCachedReads() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try await withTestBed(2, prefix: "dc") { bed in
            let herd = try await ServeAPITests.herd(for: bed, home: dir)
            let serve = try ServeProcess(herd, ["--no-tcp", "--interval", "1", "--timeout", "4"], log: dir.file("serve.log"))
            #expect(try await serve.ready(listeners: 1), "\(serve.stderr)")
            #expect((try await serve.get("/v1/snapshot")["hosts"] as? [Any])?.count == 2)
            try await bed.freeze("dc02")
            // Over 8 s the rounds hang on dc02 for 4 s each; no read may take as long as a tenth of that.
            let clock = ContinuousClock()
            let end = clock.now + .seconds(8)
            var slowest = Duration.zero
            var reads = 0
            var sawDown = false
            while clock.now < end {
                let t0 = clock.now
                let snap = try await serve.get("/v1/snapshot")
                slowest = max(slowest, clock.now - t0)
                reads += 1
                let dc02 = (snap["hosts"] as? [[String: Any]])?.first { $0["name"] as? String == "dc02" }
                if dc02?["status"] as? String == "unreachable" { sawDown = true }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(slowest < .milliseconds(400), "slowest cached read \(slowest) over \(reads) reads")
            #expect(sawDown, "the frozen host was never reported unreachable")
            try await bed.revive("dc02")
            serve.signal(SIGTERM)
            #expect(try await serve.exit() == 0)
        }
    }
}
