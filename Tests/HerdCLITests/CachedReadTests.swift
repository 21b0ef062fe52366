import Foundation
import HerdCore
import HerdStore
import HerdTestSupport
import Testing

/// `--cached` reads and `herd daemon` through the built binary against a stand-in daemon (`FakeDaemon`, Python's
/// http.server on `$HERD_HOME/herd.sock`): the cache's figures come out with `source: daemon-cache`; no daemon, a
/// killed one, a slow one, an error or bad JSON fall back to a live probe and say why.
private typealias Host = HerdCore.Host

@Suite(.timeLimit(.minutes(2))) struct CachedReadTests {
    /// A cache whose `local` host claims 64 CPUs and 1 TiB of RAM: figures no live probe of this machine gives.
    static func cacheJSON(age: TimeInterval = 3) throws -> String {
        let taken = Date().addingTimeInterval(-age)
        let usage = HostUsage(os: "linux", cpus: 64, load: [0.1, 0.1, 0.1], memTotal: 1 << 40, memAvailable: 1 << 39)
        let state = HostState(host: Host(name: "local", ssh: "localhost"), status: .complete, usage: usage, lastSeen: taken, latencyMs: 1)
        return try StructuredOutput.json(SnapshotDocument(Snapshot(takenAt: taken, hosts: [state]), now: taken, totals: true, reserved: [:]))
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func cpus(_ doc: [String: Any]) -> Int? {
        ((doc["hosts"] as? [[String: Any]])?.first?["usage"] as? [String: Any])?["cpus"] as? Int
    }

    /// A home with a stand-in daemon on its socket, started.
    func withDaemon(_ body: (HerdBinary, FakeDaemon) async throws -> Void) async throws {
        let dir = try TempDir("herd-c")
        defer { dir.remove() }
        let daemon = try FakeDaemon(socketPath: dir.file("herd.sock"))
        defer { daemon.stop() }
        try daemon.start()
        try daemon.answer("/v1/snapshot", try Self.cacheJSON())
        try await body(HerdBinary(home: dir.path), daemon)
    }

    @Test func cachedReadsComeFromTheDaemon() async throws {
        try await withDaemon { herd, _ in
            let ls = try await herd.run(["ls", "--cached", "--json"])
            #expect(ls.status == 0)
            let doc = try Self.object(ls.stdoutText)
            #expect(doc["source"] as? String == "daemon-cache")
            #expect(doc["source_reason"] == nil)
            let age = try #require(doc["age_seconds"] as? Double)
            #expect(age >= 2 && age < 60)
            #expect(Self.cpus(doc) == 64)

            let table = try await herd.run(["ls", "--cached"])
            #expect(table.status == 0 && table.stdoutText.contains("local"))
            #expect(table.stderrText.hasPrefix("herd: from the daemon's cache, ") && table.stderrText.split(separator: "\n").count == 1)

            let snap = try Self.object(try await herd.run(["snapshot", "--cached"]).stdoutText)
            #expect(snap["source"] as? String == "daemon-cache")
            #expect((snap["aggregates"] as? [String: Any])?["cpus"] as? Int == 64)

            let status = try await herd.run(["status", "--cached", "--json"])
            let statusDoc = try Self.object(status.stdoutText)
            #expect(status.status == 0 && statusDoc["source"] as? String == "daemon-cache")

            // Only the cache says this machine has 64 cores: placement ran on it.
            let place = try await herd.run(["place", "--cached", "--cpu", "60", "--json"])
            let placed = try Self.object(place.stdoutText)
            #expect(place.status == 0 && placed["chosen"] as? String == "local" && placed["source"] as? String == "daemon-cache")
        }
    }

    /// How a daemon fails, and the start of the reason the fallback must give.
    enum Failure: String, CaseIterable { case none, killed, error, slow, garbage }

    @Test(arguments: Failure.allCases)
    func fallsBackLiveAndSaysWhy(failure: Failure) async throws {
        let dir = try TempDir("herd-c")
        defer { dir.remove() }
        let daemon = try FakeDaemon(socketPath: dir.file("herd.sock"))
        defer { daemon.stop() }
        let expected: String
        switch failure {
        case .none:
            expected = "no daemon: no daemon running (no socket at "
        case .killed:
            try daemon.start()
            daemon.killHard()
            expected = "no daemon: no daemon running (nothing listens on "
        case .error:
            try daemon.start()
            try daemon.answer("/v1/snapshot", #"{"schema_version":1,"error":"engine \u001b[31mbroke"}"#, status: 500)
            expected = "daemon error: the daemon answered 500: engine  [31mbroke"
        case .slow:
            try daemon.start()
            try daemon.answer("/v1/snapshot", try Self.cacheJSON(), delay: 20)
            expected = "daemon timeout: "
        case .garbage:
            try daemon.start()
            try daemon.answer("/v1/snapshot", "{\"taken_at\": 12, \"hosts\": \"x\"}")
            expected = "daemon error: bad JSON from the daemon"
        }
        let herd = HerdBinary(home: dir.path)
        let start = ContinuousClock.now
        let ls = try await herd.run(["ls", "--cached", "--json"])
        let took = ContinuousClock.now - start
        #expect(ls.status == 0)
        let doc = try Self.object(ls.stdoutText)
        #expect(doc["source"] as? String == "live-fallback")
        let reason = doc["source_reason"] as? String ?? ""
        #expect(reason.hasPrefix(expected), "\(reason)")
        #expect(doc["age_seconds"] == nil)
        #expect(Self.cpus(doc) != 64)
        // The daemon's bound is 2 s; the live probe of this machine adds little.
        #expect(took < .seconds(6))

        let table = try await herd.run(["ls", "--cached"])
        let lines = table.stderrText.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("herd: live probe (--cached: " + expected.prefix(12)))
        #expect(!table.stderrText.contains("\u{1b}"))
    }

    @Test func daemonStatusWithoutDaemon() async throws {
        let dir = try TempDir("herd-c")
        defer { dir.remove() }
        let r = try await HerdBinary(home: dir.path).run(["daemon", "status"])
        #expect(r.status == 1 && r.stdoutText == "no daemon running\n" && r.stderrText.isEmpty)
        let json = try await HerdBinary(home: dir.path).run(["daemon", "status", "--json"])
        let doc = try Self.object(json.stdoutText)
        #expect(json.status == 1 && doc["running"] as? Bool == false && (doc["reason"] as? String ?? "").hasPrefix("no daemon: "))
        for command in ["refresh", "invalidate"] {
            let c = try await HerdBinary(home: dir.path).run(["daemon", command])
            #expect(c.status == 1 && c.stderrText == "herd: no daemon running\n")
        }
        let stop = try await HerdBinary(home: dir.path).run(["daemon", "stop"])
        #expect(stop.status == 0 && stop.stderrText == "herd: no daemon running\n")
    }

    @Test func daemonCommands() async throws {
        try await withDaemon { herd, daemon in
            let started = Date().addingTimeInterval(-125)
            let iso = ISO8601DateFormatter().string(from: started)
            try daemon.answer("/healthz", #"{"schema_version":1,"status":"ok","pid":4242,"started_at":"\#(iso)","home":"\#(herd.home)","version":"9.9"}"#)
            let status = try await herd.run(["daemon", "status"])
            #expect(status.status == 0)
            #expect(status.stdoutText.hasPrefix("pid 4242, up 2m, version 9.9\nhome \(herd.home)\nhosts 1 (1 up), cache "))
            #expect(status.stdoutText.hasSuffix("s old\n"))
            let json = try Self.object(try await herd.run(["daemon", "status", "--json"]).stdoutText)
            #expect(json["running"] as? Bool == true && json["pid"] as? Int == 4242 && json["hosts"] as? Int == 1 && json["up"] as? Int == 1)

            try daemon.answer("/v1/refresh", #"{"schema_version":1,"status":"ok"}"#)
            try daemon.answer("/v1/invalidate", #"{"schema_version":1,"status":"ok"}"#)
            try daemon.answer("/v1/shutdown", #"{"schema_version":1,"status":"stopping"}"#)
            let refresh = try await herd.run(["daemon", "refresh"])
            #expect(refresh.status == 0 && refresh.stdoutText == "refreshed\n")
            let invalidate = try await herd.run(["daemon", "invalidate"])
            #expect(invalidate.status == 0 && invalidate.stdoutText == "cache invalidated\n")
            let stop = try await herd.run(["daemon", "stop"])
            #expect(stop.status == 0 && stop.stdoutText == "stopped\n")
            #expect(!FileManager.default.fileExists(atPath: daemon.socketPath))
            #expect(daemon.posts == "/v1/refresh {}\n/v1/invalidate {}\n/v1/shutdown {}\n")
        }
    }

    @Test func psTakesTheDaemonsJobStates() async throws {
        try await withDaemon { herd, daemon in
            let store = try JobStore(home: HerdHome(root: URL(fileURLWithPath: herd.home)))
            let id = UUID().uuidString.lowercased()
            try store.insert(Job(id: id, host: "local", command: ["sleep", "100"], clientCwd: "/tmp", startedAt: Date().addingTimeInterval(-30)))
            try daemon.answer("/v1/jobs", #"{"schema_version":1,"jobs":[{"id":"\#(id)","status":"failed","exit_code":3,"ended_at":"2027-01-15T08:00:00Z"}]}"#)
            let ps = try await herd.run(["ps", "--json"])
            let job = try #require((try Self.object(ps.stdoutText))["jobs"] as? [[String: Any]]).first
            #expect(job?["status"] as? String == "failed" && job?["exit_code"] as? Int == 3)
        }
    }

    @Test func fastAndCachedTogetherIsBadInput() async throws {
        let dir = try TempDir("herd-c")
        defer { dir.remove() }
        let r = try await HerdBinary(home: dir.path).run(["ls", "--fast", "--cached"])
        #expect(r.status == 2 && r.stderrText.contains("--fast and --cached"))
    }
}
