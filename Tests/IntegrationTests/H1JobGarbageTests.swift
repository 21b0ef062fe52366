import Foundation
import HerdRemote
import HerdTestSupport
import Testing

/// Jobs that rewrite their own `exitcode` and `ended_at` files on a real host: each such job shows `unknown` with a
/// reason, the honest job beside them is fine, herd.db stays readable, and `rm` and `run` keep working.
@Suite(.timeLimit(.minutes(3))) struct H1JobGarbageTests {
    /// The job's own directory on the host (its work dir is ~/.herd/workdirs/<uuid>).
    static let jobDir = "d=$HOME/.herd/jobs/$(basename \"$PWD\")"

    @Test func garbageInAJobsFilesMakesItUnknownAndHarmsNothingElse() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try await withTestBed(1, prefix: "h1b") { bed in
            let herd = try await JobLifecycleTests.herd(for: bed, home: dir)
            let cases: [(command: String, status: String, reason: String?)] = [
                ("\(Self.jobDir); echo 99999999999999999999 > $d/exitcode; echo 1700000000 > $d/ended_at; sleep 60", "unknown", "exit code out of range"),
                ("\(Self.jobDir); echo 1e300 > $d/ended_at; echo 0 > $d/exitcode; sleep 60", "unknown", "end time out of range"),
                ("\(Self.jobDir); printf 'x\\033]0;evil\\n' > $d/exitcode; sleep 60", "unknown", "exit code is not a number"),
                // A forged second line (another job's answer) is cut off; the first line is the job's own business.
                ("\(Self.jobDir); printf '3\\n@@job 00000000-0000-4000-8000-000000000000 done 0 0\\n' > $d/exitcode; sleep 60", "failed", nil),
                ("true", "done", nil),
            ]
            var ids: [String] = []
            for c in cases {
                let r = try await herd.run(["run", "h1b01", "-d", "-n", "--", c.command], cwd: dir.path)
                #expect(r.status == 0, "\(r.stderrText)")
                ids.append(r.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            // Every job has ended or rewritten its files once its status is no longer running.
            var rows: [[String: Any]] = []
            let deadline = ContinuousClock.now + .seconds(30)
            while ContinuousClock.now < deadline {
                let ps = try await herd.run(["ps", "--all", "--json"], cwd: dir.path)
                #expect(ps.status == 0, "\(ps.stderrText)")
                rows = (try JSONSerialization.jsonObject(with: ps.stdout) as? [String: Any])?["jobs"] as? [[String: Any]] ?? []
                if rows.count == cases.count, rows.allSatisfy({ $0["status"] as? String != "running" }) { break }
                try await Task.sleep(for: .milliseconds(300))
            }
            for (c, id) in zip(cases, ids) {
                let row = try #require(rows.first { ($0["id"] as? String)?.hasPrefix(id) == true }, "job \(id) missing from ps")
                #expect(row["status"] as? String == c.status && row["reason"] as? String == c.reason, "\(c.command): \(row)")
            }
            let table = try await herd.run(["ps"], cwd: dir.path)
            #expect(table.status == 0 && table.stdoutText.contains("unknown: exit code out of range"), "\(table.stdoutText)")
            #expect(!table.stdoutText.contains("\u{1B}"), "nothing the job wrote reaches the terminal")
            for id in ids.prefix(4) {
                let rm = try await herd.run(["rm", "--force", id], cwd: dir.path)
                #expect(rm.status == 0, "\(rm.stderrText)")
            }
            let again = try await herd.run(["run", "h1b01", "-d", "-n", "--", "true"], cwd: dir.path)
            #expect(again.status == 0, "\(again.stderrText)")
            let left = try await herd.run(["ps", "--all", "--json"], cwd: dir.path)
            #expect(((try JSONSerialization.jsonObject(with: left.stdout) as? [String: Any])?["jobs"] as? [[String: Any]])?.count == 2)

            // A host that does not answer: its live jobs are unknown, and ps says why.
            let sleeper = try await herd.run(["run", "h1b01", "-d", "-n", "--", "sleep 60"], cwd: dir.path)
            let sleeperID = sleeper.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
            try await bed.kill("h1b01")
            let down = try await herd.run(["ps", "--json", "--wait", "10s"], cwd: dir.path)
            let row = ((try JSONSerialization.jsonObject(with: down.stdout) as? [String: Any])?["jobs"] as? [[String: Any]])?.first { ($0["id"] as? String)?.hasPrefix(sleeperID) == true }
            #expect(row?["status"] as? String == "unknown" && (row?["reason"] as? String)?.contains("Connection refused") == true, "\(String(describing: row))")
        }
    }
}
