import Foundation
import HerdRemote
import HerdTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `herd run` never leaks: an interrupted sync, a failed launch or a locked database leaves no reservation, no
/// work dir, no job dir and no untracked job behind.
@Suite(.serialized, .timeLimit(.minutes(3))) struct RunLeakTests {
    static func herd(for bed: TestBed, home: TempDir) async throws -> HerdBinary {
        let herd = HerdBinary(home: home.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
        for h in bed.hosts {
            Leftovers.reset(h)
            #expect(try await herd.run(["host", "add", h.name, h.name]).status == 0)
        }
        return herd
    }

    /// A source tree with one incompressible file of `megabytes` MB.
    static func source(in dir: TempDir, megabytes: Int) throws -> String {
        let src = dir.file("src")
        try FileManager.default.createDirectory(atPath: src, withIntermediateDirectories: true)
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<(megabytes << 20) / 8).map { _ in rng.next() as UInt64 }
        try bytes.withUnsafeBytes { Data($0) }.write(to: URL(fileURLWithPath: src + "/big.bin"))
        try "hello\n".write(toFile: src + "/small.txt", atomically: true, encoding: .utf8)
        return src
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalDuringASlowSyncReleasesTheReservationAndRemovesTheWorkDir(_ sig: Int32) async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        // rsync at 64 KB/s: 8 MB take two minutes, so the interrupt lands mid-sync.
        let tools = try Leftovers.toolDir(["rsync": "exec /usr/bin/rsync --bwlimit=64 \"$@\""])
        defer { try? FileManager.default.removeItem(atPath: tools) }
        try await withTestBed(1, prefix: sig == SIGINT ? "h4a" : "h4h") { bed in
            let host = bed.hosts[0]
            let herd = try await Self.herd(for: bed, home: dir)
            let src = try Self.source(in: dir, megabytes: 8)
            let path = "\(tools):" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
            let run = try BackgroundHerd(herd, ["run", host.name, "--ram", "1G", "--force", "-d", "--", "true"], cwd: src, extra: ["PATH": path])
            let syncing = try await Leftovers.eventually(.seconds(30)) {
                let reserved = try await Leftovers.reservations(herd)
                return Leftovers.remote(host).contains { $0.hasPrefix("workdirs/") } && !reserved.isEmpty
            }
            #expect(syncing, "the sync never started: \(Leftovers.remote(host))")
            let launching = try await Leftovers.jobs(herd)
            #expect(launching.count == 1 && launching.first?["status"] as? String == "launching", "\(launching)")

            let started = ContinuousClock.now
            run.signal(sig)
            let (status, stderr) = try await run.finish(limit: .seconds(40))
            #expect(status == 128 + sig, "\(stderr)")
            #expect(ContinuousClock.now - started < .seconds(15), "clean-up took \(ContinuousClock.now - started)")
            #expect(stderr.contains("interrupted") && stderr.contains(host.name), "\(stderr)")
            #expect(try await Leftovers.reservations(herd).isEmpty)
            #expect(try await Leftovers.jobs(herd).isEmpty)
            #expect(Leftovers.remote(host).isEmpty, "\(Leftovers.remote(host))")
            #expect(try await Leftovers.eventually { try await Leftovers.processes(of: host.user, matching: "rsync").isEmpty })
            #expect(Leftovers.remote(host).isEmpty, "the receiver recreated something: \(Leftovers.remote(host))")
        }
    }

    @Test func aFailedLaunchNamesTheCauseAndLeavesNothing() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let tools = try Leftovers.toolDir([
            "tmux": "case \"$1\" in new-session) echo 'tmux: cannot start the server: fake failure' >&2; exit 1;; esac; exec /usr/bin/tmux \"$@\"",
            "login": "PATH=\"$(dirname \"$0\"):$PATH\"; export PATH; exec /bin/sh \"$@\"",
        ])
        defer { try? FileManager.default.removeItem(atPath: tools) }
        try await withTestBed(1, prefix: "h4b") { bed in
            let host = bed.hosts[0]
            try await bed.shell(host.name, "\(tools)/login")
            let herd = try await Self.herd(for: bed, home: dir)
            let src = try Self.source(in: dir, megabytes: 1)
            let r = try await herd.run(["run", host.name, "--ram", "1G", "--force", "-d", "--", "sleep 60"], cwd: src)
            #expect(r.status == 1, "\(r.stderrText)")
            #expect(r.stderrText.contains("\(host.name): could not start the job: tmux: cannot start the server: fake failure"), "\(r.stderrText)")
            #expect(!r.stderrText.contains("rsync error"))
            #expect(try await Leftovers.reservations(herd).isEmpty)
            #expect(try await Leftovers.jobs(herd).isEmpty)
            #expect(Leftovers.remote(host).isEmpty, "\(Leftovers.remote(host))")
            #expect(try await Leftovers.processes(of: host.user, matching: "sleep 60").isEmpty)
        }
    }

    @Test func aSignalDuringTheLaunchLetsItFinishThenUndoesIt() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        // tmux that announces the launch, then takes two seconds to start the session.
        let tools = try Leftovers.toolDir([
            "tmux": "case \"$1\" in new-session) touch \"$HOME/launch-started\"; sleep 2;; esac; exec /usr/bin/tmux \"$@\"",
            "login": "PATH=\"$(dirname \"$0\"):$PATH\"; export PATH; exec /bin/sh \"$@\"",
        ])
        defer { try? FileManager.default.removeItem(atPath: tools) }
        try await withTestBed(1, prefix: "h4i") { bed in
            let host = bed.hosts[0]
            try await bed.shell(host.name, "\(tools)/login")
            let herd = try await Self.herd(for: bed, home: dir)
            let run = try BackgroundHerd(herd, ["run", host.name, "--ram", "1G", "--force", "-d", "-n", "--", "sleep 77"], cwd: dir.path)
            let marker = Leftovers.home(host) + "/launch-started"
            #expect(try await Leftovers.eventually(.seconds(30)) { FileManager.default.fileExists(atPath: marker) })
            run.signal(SIGINT)
            let (status, stderr) = try await run.finish(limit: .seconds(40))
            #expect(status == 130, "\(stderr)")
            #expect(try await Leftovers.reservations(herd).isEmpty)
            #expect(try await Leftovers.jobs(herd).isEmpty)
            #expect(Leftovers.remote(host).isEmpty, "\(Leftovers.remote(host))")
            #expect(try await Leftovers.eventually { try await Leftovers.processes(of: host.user, matching: "sleep 77").isEmpty })
        }
    }

    /// Holds an exclusive lock on `db` for `seconds` (sqlite3 in the background); returns once the lock is held.
    static func lock(_ db: String, seconds: Int) async throws -> Task<CommandResult, any Error> {
        let held = LockFlag()
        let task = Task {
            try await ProcessRunner().stream(
                "/usr/bin/sqlite3", [db], input: Data("BEGIN EXCLUSIVE;\nSELECT 'locked';\n.shell sleep \(seconds)\nCOMMIT;\n".utf8),
                timeout: .seconds(Double(seconds + 30)), newProcessGroup: false
            ) { kind, data in if kind == .stdout, String(decoding: data, as: UTF8.self).contains("locked") { held.set() } }
        }
        #expect(try await Leftovers.eventually(.seconds(10)) { held.isSet }, "sqlite3 never took the lock")
        return task
    }

    @Test func aLockedDatabaseIsWaitedForOrRefusedBeforeLaunching() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try await withTestBed(1, prefix: "h4c") { bed in
            let host = bed.hosts[0]
            let herd = try await Self.herd(for: bed, home: dir)
            let src = try Self.source(in: dir, megabytes: 1)
            #expect(try await herd.run(["ps"]).status == 0)
            let db = dir.file("home/herd.db")

            // A lock shorter than the busy timeout: herd waits, then the job runs and is tracked.
            let short = try await Self.lock(db, seconds: 3)
            let waited = try await herd.run(["run", host.name, "-d", "--", "sleep 30"], cwd: src)
            #expect(waited.status == 0, "\(waited.stderrText)")
            _ = try await short.value
            let id = waited.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
            let rows = try await Leftovers.jobs(herd)
            #expect(rows.count == 1 && rows.first?["status"] as? String == "running", "\(rows)")
            #expect(try await herd.run(["rm", "--force", id]).status == 0)
            #expect(Leftovers.remote(host).isEmpty)

            // A lock longer than the busy timeout: herd fails before anything happens on the host.
            let long = try await Self.lock(db, seconds: 14)
            let refused = try await herd.run(["run", host.name, "--ram", "1G", "--force", "-d", "--", "sleep 30"], cwd: src)
            #expect(refused.status != 0)
            #expect(refused.stderrText.contains("locked") || refused.stderrText.contains("busy"), "\(refused.stderrText)")
            #expect(Leftovers.remote(host).isEmpty, "\(Leftovers.remote(host))")
            #expect(try await Leftovers.processes(of: host.user, matching: "sleep 30").isEmpty)
            _ = try await long.value
            #expect(try await Leftovers.jobs(herd).isEmpty)
            #expect(try await Leftovers.reservations(herd).isEmpty)
        }
    }

    @Test func aJobWhoseRecordStayedLaunchingIsAdoptedByReconciliation() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try await withTestBed(1, prefix: "h4d") { bed in
            let host = bed.hosts[0]
            let herd = try await Self.herd(for: bed, home: dir)
            let r = try await herd.run(["run", host.name, "-d", "-n", "--", "sleep 30"], cwd: dir.path)
            #expect(r.status == 0, "\(r.stderrText)")
            let id = r.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
            // As if herd had died between the launch and finishing the record.
            let db = dir.file("home/herd.db")
            let set = try await HerdBinary.shell("sqlite3 '\(db)' \"UPDATE job SET status = 'launching'; SELECT count(*) FROM job WHERE status = 'launching';\"")
            #expect(set.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
            let rows = try await Leftovers.jobs(herd)
            #expect(rows.count == 1 && rows.first?["status"] as? String == "running", "\(rows)")
            #expect(try await herd.run(["rm", "--force", id]).status == 0)
            #expect(try await Leftovers.processes(of: host.user, matching: "sleep 30").isEmpty)
        }
    }
}

/// A flag set from another thread.
final class LockFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
