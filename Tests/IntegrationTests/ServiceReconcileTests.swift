import Foundation
import HerdCore
import HerdRemote
import HerdService
import HerdStore
import HerdTestSupport
import Testing

/// Reconciliation on real hosts: a `--ram` job that ended gives its reservation back after one
/// `JobService.reconcile` (no `herd ps`); `herd ps` answers within its wait while a host is frozen, and never waits
/// for the background pass it leaves for the silent hosts, which records what they say.
@Suite(.timeLimit(.minutes(3))) struct ServiceReconcileTests {
    @Test func aRamJobThatEndedReleasesItsReservationInOneReconcile() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try await withTestBed(1, prefix: "s3a") { bed in
            let herd = HerdBinary(home: dir.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
            #expect(try await herd.run(["host", "add", "s3a01", "s3a01"]).status == 0)
            let run = try await herd.run(["run", "s3a01", "-d", "-n", "--ram", "1M", "--", "true"])
            #expect(run.status == 0, "\(run.stderrText)")
            let context = ServiceContext(home: HerdHome(root: URL(fileURLWithPath: dir.file("home"))), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
            let held = try ReservationService(context: context).list()
            let id = try #require(held.first?.jobID, "the job holds a reservation: \(held)")
            // The job has ended on its host once its exit code file is there (asked without herd's job verbs).
            let deadline = ContinuousClock.now + .seconds(30)
            while ContinuousClock.now < deadline {
                let r = try await herd.run(["on", "s3a01", "--", "test -f ~/.herd/jobs/\(id)/exitcode"])
                if r.status == 0 { break }
                try await Task.sleep(for: .milliseconds(200))
            }
            let pass = try await JobService(context: context).reconcile()
            #expect(pass.jobs.first { $0.id == id }?.status == .done, "\(pass.jobs)")
            #expect(pass.released.map(\.jobID) == [id])
            #expect(try ReservationService(context: context).list().isEmpty)
            #expect(pass.leaks.isEmpty && pass.staleHosts.isEmpty)
        }
    }

    @Test func psWithAFrozenHostAnswersWithinItsWaitAndShowsTheOthersCurrent() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try await withTestBed(2, prefix: "s3b") { bed in
            let herd = HerdBinary(home: dir.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
            var ids: [String: String] = [:]
            for h in ["s3b01", "s3b02"] {
                #expect(try await herd.run(["host", "add", h, h]).status == 0)
                let r = try await herd.run(["run", h, "-d", "-n", "--", "sleep 60"])
                #expect(r.status == 0, "\(r.stderrText)")
                ids[h] = r.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            #expect(try await herd.run(["ps", "--wait", "10s"]).status == 0)  // both hosts confirm their jobs
            try await bed.freeze("s3b01")
            // A wait long enough for a loaded machine: the answering host is current, the frozen one stale.
            let start = ContinuousClock.now
            let ps = try await herd.run(["ps", "--json", "--wait", "1.5s"])
            let took = ContinuousClock.now - start
            #expect(ps.status == 0, "\(ps.stderrText)")
            #expect(took < .seconds(3), "herd ps --wait 1.5s took \(took) with a frozen host")
            let rows = (try JSONSerialization.jsonObject(with: ps.stdout) as? [String: Any])?["jobs"] as? [[String: Any]] ?? []
            let byHost = Dictionary(rows.map { ($0["host"] as? String ?? "?", $0) }, uniquingKeysWith: { a, _ in a })
            let frozen = try #require(byHost["s3b01"]), alive = try #require(byHost["s3b02"])
            #expect((frozen["id"] as? String)?.hasPrefix(ids["s3b01"] ?? "-") == true)
            #expect(frozen["status"] as? String == "running" && frozen["stale"] as? Bool == true, "\(frozen)")
            #expect(frozen["checked_at"] != nil, "the age of the last known state")
            #expect(alive["status"] as? String == "running" && alive["stale"] as? Bool == false, "\(alive)")
            let checked = try #require(alive["checked_at"] as? String)
            let at = try #require(ISO8601DateFormatter().date(from: checked))
            #expect(Date().timeIntervalSince(at) < 10, "the answering host's job is current: \(checked)")
            let text = try await herd.run(["ps", "--wait", "1s"])
            #expect(text.stdoutText.contains("running (stale: rechecking s3b01)"), "\(text.stdoutText)")
            // By default no host is asked, and ps never waits for the background pass it leaves (which hangs on the
            // frozen host for its 10 s): a local read, well under a second even on a loaded machine.
            let quick = ContinuousClock.now
            let local = try await herd.run(["ps"])
            let quickTook = ContinuousClock.now - quick
            #expect(local.status == 0 && local.stdoutText.contains(String(ids["s3b01"] ?? "-")), "\(local.stdoutText)")
            #expect(quickTook < .seconds(2), "herd ps took \(quickTook) with a frozen host")
            try await bed.revive("s3b01")
            for h in ["s3b01", "s3b02"] { _ = try await herd.run(["stop", ids[h] ?? "", "--grace", "1"]) }
        }
    }

    /// `herd ps` asks no host: the job that ended is still shown running (stale: never confirmed); the background
    /// pass it leaves records the end in the database with no further `herd ps`.
    @Test func psWaitZeroAsksNoHostAndItsBackgroundPassRecordsTheEnd() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try await withTestBed(1, prefix: "s3c") { bed in
            let herd = HerdBinary(home: dir.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
            #expect(try await herd.run(["host", "add", "s3c01", "s3c01"]).status == 0)
            let run = try await herd.run(["run", "s3c01", "-d", "-n", "--", "exit 3"])
            let id = run.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(run.status == 0 && !id.isEmpty, "\(run.stderrText)")
            let context = ServiceContext(home: HerdHome(root: URL(fileURLWithPath: dir.file("home"))), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
            let full = try #require(try context.jobStore().jobs(all: true).first { $0.id.hasPrefix(id) }?.id)
            let deadline = ContinuousClock.now + .seconds(30)
            while ContinuousClock.now < deadline {
                if try await herd.run(["on", "s3c01", "--", "test -f ~/.herd/jobs/\(full)/exitcode"]).status == 0 { break }
                try await Task.sleep(for: .milliseconds(200))
            }
            let ps = try await herd.run(["ps", "--json"])
            #expect(ps.status == 0, "\(ps.stderrText)")
            let rows = (try JSONSerialization.jsonObject(with: ps.stdout) as? [String: Any])?["jobs"] as? [[String: Any]] ?? []
            #expect(rows.first?["status"] as? String == "running" && rows.first?["stale"] as? Bool == true, "\(rows)")
            var recorded: Job?
            while ContinuousClock.now < deadline {
                recorded = try context.jobStore().job(id: full)
                if recorded?.status.isLive == false { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(recorded?.status == .failed && recorded?.exitCode == 3, "\(String(describing: recorded))")
        }
    }
}
