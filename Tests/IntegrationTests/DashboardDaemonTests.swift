import Foundation
import HerdCore
import HerdRemote
import HerdTestSupport
import Testing

/// The dashboard with a daemon on `$HERD_HOME/herd.sock` (a stand-in, `FakeDaemon`): it shows the daemon's snapshot
/// and starts no ssh of its own; when the daemon is killed -9 it says so and probes the hosts itself.
@Suite(.timeLimit(.minutes(3))) struct DashboardDaemonTests {
    /// ssh processes started for `home` (they inherit `HERD_HOME` from the dashboard), and with `marker` (an
    /// environment entry such as `HERD_TEST_CLIENT=dashboard`) when given: a real daemon on the same home has ssh
    /// processes of its own.
    static func sshProcesses(home: String, marker: String? = nil) -> Int {
        let procs = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return procs.filter { pid in
            guard Int(pid) != nil, let comm = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8),
                  comm.trimmingCharacters(in: .whitespacesAndNewlines) == "ssh",
                  let env = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { return false }
            let entries = env.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return entries.contains("HERD_HOME=\(home)") && (marker.map { entries.contains($0) } ?? true)
        }.count
    }

    /// A cache in which every host is up with a 1-minute load of 42.42, which no test-bed host shows.
    static func cacheJSON(_ names: [String]) throws -> String {
        let now = Date()
        let usage = HostUsage(os: "linux", cpus: 64, load: [42.42, 1, 1], memTotal: 1 << 40, memAvailable: 1 << 39)
        let states = names.map { HostState(host: HerdCore.Host(name: $0, ssh: $0), status: .complete, usage: usage, lastSeen: now, latencyMs: 1) }
        return try StructuredOutput.json(SnapshotDocument(Snapshot(takenAt: now, hosts: states), now: now, totals: true))
    }

    @Test func dashboardReadsTheDaemonThenFallsBackWhenItIsKilled() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let term = JobAttachTests.Terminal()
        try await withTestBed(2, prefix: "cdash") { bed in
            let herd = HerdBinary(home: dir.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
            let names = bed.hosts.map(\.name)
            for n in names { #expect(try await herd.run(["host", "add", n, n, "--no-probe"]).status == 0) }
            let daemon = try FakeDaemon(socketPath: herd.home + "/herd.sock")
            defer { daemon.stop() }
            try daemon.start()
            try daemon.answer("/v1/snapshot", try Self.cacheJSON(names))
            try daemon.answer("/v1/jobs", #"{"schema_version":1,"jobs":[]}"#)
            try daemon.answer("/healthz", #"{"schema_version":1,"status":"ok","pid":4242,"started_at":"2027-01-15T08:00:00Z","home":"/h","version":"1"}"#)

            let env = "env HERD_HOME='\(herd.home)' HERD_SSH_CONFIG='\(bed.sshConfig)' TERM=xterm-256color"
            _ = try await term.tmux(["new-session", "-d", "-s", "t", "-x", "140", "-y", "36", "\(env) '\(HerdBinary.path)' top --interval 1; sleep 60"])
            let first = try await term.waitFor("42.42", in: "t")
            #expect(first.contains("2 up"))
            // Several polls later: still the daemon's figures, and not one ssh process of the dashboard's own.
            _ = try await term.waitFor("snapshots from the daemon (pid 4242)", in: "t")
            try await Task.sleep(for: .seconds(3))
            #expect(Self.sshProcesses(home: herd.home) == 0)
            #expect(try await term.screen("t").contains("42.42"))

            daemon.killHard()
            let gone = try await term.waitFor("daemon gone", in: "t", limit: .seconds(10))
            #expect(gone.contains("no daemon"))
            // Its own engine now: the hosts' real loads replace the cache's, over ssh sessions of its own.
            let deadline = ContinuousClock.now + .seconds(20)
            while ContinuousClock.now < deadline, try await term.screen("t").contains("42.42") {
                try await Task.sleep(for: .milliseconds(200))
            }
            #expect(!(try await term.screen("t").contains("42.42")))
            #expect(Self.sshProcesses(home: herd.home) > 0)
            _ = try await term.tmux(["send-keys", "-t", "t", "q"])
        }
        await term.kill()
    }
}
