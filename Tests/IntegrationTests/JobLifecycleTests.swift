import Foundation
import HerdRemote
import HerdTestSupport
import Testing

/// `herd run`, `ps`, `logs`, `stop`, `pull`, `rm` and `attach` against real sshd hosts with tmux.
@Suite(.timeLimit(.minutes(4))) struct JobLifecycleTests {
    static func herd(for bed: TestBed, home: TempDir) async throws -> HerdBinary {
        let herd = HerdBinary(home: home.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
        for h in bed.hosts { #expect(try await herd.run(["host", "add", h.name, h.name]).status == 0) }
        return herd
    }

    /// A source tree: files, a .gitignore'd file, a .git directory and a .herdignore'd file.
    static func source(in dir: TempDir) throws -> String {
        let src = dir.file("src")
        let fm = FileManager.default
        try fm.createDirectory(atPath: src + "/.git", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: src + "/sub", withIntermediateDirectories: true)
        try "ref: refs/heads/main\n".write(toFile: src + "/.git/HEAD", atomically: true, encoding: .utf8)
        try "secret.txt\n*.log\n".write(toFile: src + "/.gitignore", atomically: true, encoding: .utf8)
        try "big/\n".write(toFile: src + "/.herdignore", atomically: true, encoding: .utf8)
        try fm.createDirectory(atPath: src + "/big", withIntermediateDirectories: true)
        try "x".write(toFile: src + "/big/blob", atomically: true, encoding: .utf8)
        try "kept\n".write(toFile: src + "/keep.txt", atomically: true, encoding: .utf8)
        try "nested\n".write(toFile: src + "/sub/n.txt", atomically: true, encoding: .utf8)
        try "no\n".write(toFile: src + "/secret.txt", atomically: true, encoding: .utf8)
        try "no\n".write(toFile: src + "/run.log", atomically: true, encoding: .utf8)
        return src
    }

    /// Polls `herd ps --all --json` until the job has ended (neither running nor unknown: a pass that found its host
    /// silent for a moment leaves it unknown, and the next one asks again).
    static func waitEnded(_ herd: HerdBinary, _ id: String, cwd: String, limit: Duration = .seconds(30)) async throws -> [String: Any] {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            let r = try await herd.run(["ps", "--all", "--json"], cwd: cwd)
            let rows = (try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])?["jobs"] as? [[String: Any]] ?? []
            if let row = rows.first(where: { ($0["id"] as? String)?.hasPrefix(id) == true }), !["running", "unknown"].contains(row["status"] as? String ?? "") {
                return row
            }
            try await Task.sleep(for: .milliseconds(300))
        }
        Issue.record("job \(id) did not end in \(limit)")
        return [:]
    }

    @Test func lifecycleSyncExitCodesLogsPullAndRm() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try await withTestBed(1, prefix: "ja") { bed in
            let herd = try await Self.herd(for: bed, home: dir)
            let src = try Self.source(in: dir)
            let ok = try await herd.run(["run", "ja01", "-d", "--", "find . -type f | sort; mkdir -p build; echo artefact > build/out.bin"], cwd: src)
            #expect(ok.status == 0, "\(ok.stderrText)")
            let id = ok.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(id.count == 8)
            let row = try await Self.waitEnded(herd, id, cwd: src)
            #expect(row["status"] as? String == "done" && row["exit_code"] as? Int == 0)
            let logs = try await herd.run(["logs", id], cwd: src)
            #expect(logs.stdoutText == "./.git/HEAD\n./.gitignore\n./.herdignore\n./keep.txt\n./sub/n.txt\n")
            let table = try await herd.run(["ps", "--all"], cwd: src).stdoutText
            #expect(table.contains("done [0]") && table.contains("ja01"))

            let pulled = dir.file("pulled")
            #expect(try await herd.run(["pull", String(id.prefix(4)), "build/out.bin", pulled], cwd: src).status == 0)
            #expect(try String(contentsOfFile: pulled, encoding: .utf8) == "artefact\n")

            let bad = try await herd.run(["run", "ja01", "-d", "-n", "--", "ls | wc -l; exit 3"], cwd: src)
            let badID = bad.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
            let badRow = try await Self.waitEnded(herd, badID, cwd: src)
            #expect(badRow["status"] as? String == "failed" && badRow["exit_code"] as? Int == 3)
            #expect(try await herd.run(["logs", badID], cwd: src).stdoutText == "0\n", "-n synced nothing")
            #expect(try await herd.run(["ps", "--all"], cwd: src).stdoutText.contains("failed [3]"))

            let workdir = "/home/herd_ja01/.herd/workdirs/\(row["id"] as! String)"
            #expect(FileManager.default.fileExists(atPath: workdir))
            #expect(try await herd.run(["rm", id], cwd: src).status == 0)
            #expect(!FileManager.default.fileExists(atPath: workdir))
            let audit = try String(contentsOfFile: dir.file("home/audit.log"), encoding: .utf8)
            #expect(audit.contains("ja01 rm_\(id) 0"))
        }
    }

    @Test func logsFollowStopAndRunningJobsBlockRmAndHostRm() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try await withTestBed(1, prefix: "jb") { bed in
            let herd = try await Self.herd(for: bed, home: dir)
            let ticker = try await herd.run(["run", "jb01", "-d", "-n", "--", "for i in 1 2 3; do echo tick $i; sleep 1; done"])
            let tid = ticker.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
            let start = ContinuousClock.now
            let firstLine = LineTimer()
            let follow = try await ProcessRunner(environment: ["HERD_HOME": herd.home, "HERD_SSH_CONFIG": bed.sshConfig]).stream(
                HerdBinary.path, ["logs", "-f", tid], input: nil, timeout: .seconds(30), newProcessGroup: false
            ) { kind, data in if kind == .stdout { firstLine.mark(data) } }
            #expect(follow.stdoutText == "tick 1\ntick 2\ntick 3\n")
            let seen = try #require(firstLine.first)
            #expect(seen - start < .milliseconds(1800), "the first line came only at \(seen - start)")

            let sleeper = try await herd.run(["run", "jb01", "-d", "-n", "--", "sleep 100"])
            let sid = sleeper.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
            let refused = try await herd.run(["rm", sid])
            #expect(refused.status == 2 && refused.stderrText.contains("is running"))
            let hostRm = try await herd.run(["host", "rm", "jb01"])
            #expect(hostRm.status == 2 && hostRm.stderrText.contains("has running jobs"))
            let stop = try await herd.run(["stop", sid, "--grace", "2"])
            #expect(stop.status == 0, "\(stop.stderrText)")
            #expect(stop.stdoutText.hasPrefix("\(sid): stopped ["))
            #expect(try await herd.run(["ps", "--all"]).stdoutText.contains("stopped ["))
            let leftover = try await HerdBinary.shell("pgrep -u herd_jb01 -a sleep || true; ps -u herd_jb01 -o pid,ppid,pgid,args || true")
            #expect(!leftover.contains("sleep 100"), "\(leftover)")
            #expect(try await herd.run(["rm", sid]).status == 0)
            let ambiguous = try await herd.run(["logs", ""])
            #expect(ambiguous.status == 2)
        }
    }

    /// `herd ps` does not wait for a frozen host: its job keeps the last state herd knew, marked stale.
    @Test func aFrozenHostShowsItsJobStaleThenTheRealExitAfterRevive() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try await withTestBed(1, prefix: "jc") { bed in
            let herd = try await Self.herd(for: bed, home: dir)
            let r = try await herd.run(["run", "jc01", "-d", "-n", "--", "sleep 2; echo finished"])
            let id = r.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
            try await bed.freeze("jc01")
            let ps = try await herd.run(["ps", "--json"])
            let rows = (try JSONSerialization.jsonObject(with: ps.stdout) as? [String: Any])?["jobs"] as? [[String: Any]] ?? []
            #expect(rows.first?["status"] as? String == "running" && rows.first?["stale"] as? Bool == true, "\(rows)")
            try await bed.revive("jc01")
            let row = try await Self.waitEnded(herd, id, cwd: dir.path)
            #expect(row["status"] as? String == "done" && row["exit_code"] as? Int == 0)
        }
    }
}

/// Notes when the first stdout bytes arrived.
final class LineTimer: @unchecked Sendable {
    private let lock = NSLock()
    private var at: ContinuousClock.Instant?
    func mark(_ d: Data) { lock.lock(); if at == nil && !d.isEmpty { at = .now }; lock.unlock() }
    var first: ContinuousClock.Instant? { lock.lock(); defer { lock.unlock() }; return at }
}
