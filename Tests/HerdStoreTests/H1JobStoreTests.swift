import Foundation
import HerdCore
import HerdStore
import HerdTestSupport
import Testing

/// herd.db with rows herd could not have written (planted with the sqlite3 tool): every other job still lists,
/// the damaged rows show as `unknown` with a reason, and `ps`, `rm` and `run` keep working.
@Suite(.timeLimit(.minutes(2))) struct H1JobStoreTests {
    static let good = "11111111-0000-4000-8000-000000000000"
    static let damaged: [(id: String, values: String, reason: String)] = [
        ("22222222-0000-4000-8000-000000000000", "'local', '[\"a\"]', '/tmp', 'garbage', NULL, NULL, 'running', NULL", "damaged record: startedAt"),
        ("33333333-0000-4000-8000-000000000000", "'local', '[\"b\"]', '/tmp', '2026-01-01 00:00:00.000', 'x', 'abc', 'done', NULL",
         "damaged record: endedAt, exitCode"),
        ("44444444-0000-4000-8000-000000000000", "'local', x'00ff', '/tmp', '2026-01-01 00:00:00.000', NULL, 1e30, 'zzz', NULL",
         "damaged record: command, exitCode"),
        ("55555555-0000-4000-8000-000000000000", "'local', '[\"c\"]', '/tmp', '2026-01-01 00:00:00.000', NULL, NULL, 'exploded', NULL",
         "damaged record: status"),
    ]

    /// A store in a fresh home with one good job and the damaged rows.
    static func plant(_ dir: TempDir) async throws -> JobStore {
        let store = try JobStore(home: HerdHome(root: URL(fileURLWithPath: dir.path)))
        try store.insert(Job(id: good, host: "local", command: ["true"], clientCwd: "/tmp", startedAt: Date(), status: .done))
        let sql = damaged.map { "INSERT INTO job (id, host, command, clientCwd, startedAt, endedAt, exitCode, status, reason) VALUES ('\($0.id)', \($0.values));" }.joined()
        try sql.write(toFile: dir.file("plant.sql"), atomically: true, encoding: .utf8)
        let r = try await HerdBinary.shell("sqlite3 '\(store.path)' < '\(dir.file("plant.sql"))' 2>&1")
        #expect(r.isEmpty, "sqlite3: \(r)")
        return store
    }

    @Test func damagedRowsListAsUnknownWithTheirReasonAndHideNothing() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try await Self.plant(dir)
        let jobs = try store.jobs()
        #expect(jobs.count == 5)
        #expect(jobs.first { $0.id == Self.good }?.status == .done)
        for d in Self.damaged {
            let j = try #require(jobs.first { $0.id == d.id }, "\(d.id) missing")
            #expect(j.status == .unknown && j.reason == d.reason && j.isDamaged, "\(j)")
        }
        #expect(try store.jobs(all: false).count == 4, "damaged rows count as live, so ps shows them")
        #expect(try store.jobs(prefix: "3333").first?.reason == "damaged record: endedAt, exitCode")
        #expect(try store.latest(host: "local", cwd: "/tmp")?.id == Self.good)
        try store.delete(Self.damaged[0].id)
        #expect(try store.jobs().count == 4)
    }

    @Test func implausibleValuesAreNeverStoredAsSuch() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try JobStore(home: HerdHome(root: URL(fileURLWithPath: dir.path)))
        var job = Job(id: Self.good, host: "h", command: ["x"], clientCwd: "/", startedAt: Date())
        try store.insert(job)
        job.end(code: Int.max, at: Date(timeIntervalSince1970: 1e15))
        try store.update(job)
        let back = try #require(try store.jobs().first)
        #expect(back.status == .unknown && back.exitCode == nil && back.endedAt == nil)
        #expect(back.reason == "end time, exit code out of range")
    }

    @Test func psRmAndRunWorkBesideDamagedRows() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        _ = try await Self.plant(dir)
        let work = dir.file("work")
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        // Local jobs live under $HOME/.herd: keep them in the test's directory.
        let herd = HerdBinary(home: dir.path, environment: ["HOME": dir.path])
        let ps = try await herd.run(["ps", "--all", "--json"])
        #expect(ps.status == 0 && ps.stderrText.isEmpty, "\(ps.stderrText)")
        let rows = try #require((try JSONSerialization.jsonObject(with: ps.stdout) as? [String: Any])?["jobs"] as? [[String: Any]])
        #expect(rows.count == 5)
        #expect(rows.filter { ($0["reason"] as? String)?.hasPrefix("damaged record") == true }.count == 4)
        let table = try await herd.run(["ps"])
        #expect(table.status == 0 && table.stdoutText.contains("unknown: damaged record: startedAt"))
        for d in Self.damaged.prefix(2) {
            let rm = try await herd.run(["rm", "--force", String(d.id.prefix(8))])
            #expect(rm.status == 0, "\(rm.stderrText)")
        }
        let rm = try await herd.run(["rm", String(Self.damaged[2].id.prefix(8))])
        #expect(rm.status == 0, "an unknown job needs no --force: \(rm.stderrText)")
        let run = try await herd.run(["run", "-d", "--", "true"], cwd: work)
        #expect(run.status == 0, "\(run.stderrText)")
        let id = run.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        let after = try await herd.run(["ps", "--all"])
        #expect(after.status == 0 && after.stdoutText.contains(id) && after.stdoutText.contains("55555555"))
        #expect(try await herd.run(["rm", "--force", id]).status == 0)
    }
}
