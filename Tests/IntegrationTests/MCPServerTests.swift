import Foundation
import HerdRemote
import HerdTestSupport
import Testing

/// `herd mcp serve` driven by the Python MCP client against real sshd hosts: every read-only tool answers, and bad
/// calls come back as one-line tool errors, never a crash or a hang.
@Suite(.timeLimit(.minutes(4))) struct MCPServerTests {
    static func herd(for bed: TestBed, home: TempDir) async throws -> HerdBinary {
        let herd = HerdBinary(home: home.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
        for h in bed.hosts { #expect(try await herd.run(["host", "add", h.name, h.name]).status == 0) }
        return herd
    }

    @Test func everyReadToolAnswersAgainstLiveHosts() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try await withTestBed(2, prefix: "ma") { bed in
            let herd = try await Self.herd(for: bed, home: dir)
            let job = try await herd.run(["run", "ma01", "-d", "-n", "--", "printf 'line-%s\\n' 1 2 3; echo hello-from-job"], cwd: dir.path)
            #expect(job.status == 0, "\(job.stderrText)")
            let id = job.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(try await herd.run(["reserve", "ma02", "--ram", "1M", "--ttl", "1h"]).status == 0)
            _ = try await JobLifecycleTests.waitEnded(herd, id, cwd: dir.path)
            let t = try await MCPClientScript.run(herd, calls: [
                ("snapshot", nil),
                ("hosts", ["selector": "ma01"]),
                ("place", ["query": "light", "ram": "1M"]),
                ("context", ["query": "light"]),
                ("jobs", ["all": true]),
                ("job_log", ["id": id]),
                ("job_log", ["id": id, "offset": 7, "max_bytes": 7]),
                ("reservations", nil),
            ])
            #expect(t.server == "herd")
            #expect(t.toolNames == ["snapshot", "hosts", "place", "context", "jobs", "job_log", "reservations"])
            for tool in t.tools {
                #expect((tool["description"] as? String ?? "").count > 20)
                #expect((tool["schema"] as? [String: Any])?["type"] as? String == "object")
            }
            #expect(t.calls.allSatisfy { !$0.isError }, "\(t.calls.filter(\.isError).map(\.text))")
            let snapshot = t.calls[0].json
            #expect((snapshot["hosts"] as? [[String: Any]])?.compactMap { $0["status"] as? String } == ["complete", "complete"])
            #expect(snapshot["schema_version"] as? Int == 1)
            #expect((t.calls[1].json["hosts"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["ma01"])
            let place = t.calls[2].json
            #expect(["ma01", "ma02"].contains(place["chosen"] as? String ?? ""))
            let ranked = place["hosts"] as? [[String: Any]] ?? []
            #expect(ranked.count == 2)
            for h in ranked { #expect(!((h["reasons"] as? [String]) ?? []).isEmpty) }
            let context = t.calls[3].text
            #expect(context.contains("herd cluster: 2 hosts, 2 up"))
            #expect(context.contains("\nSource: live probe at "))
            #expect(context.contains("Placement for \"light\""))
            #expect(context.contains("ma02") && context.contains("reserved 1.0M"))
            let jobs = t.calls[4].json["jobs"] as? [[String: Any]] ?? []
            let ours = jobs.first { ($0["id"] as? String)?.hasPrefix(id) == true }
            #expect(ours?["status"] as? String == "done")
            let log = t.calls[5].json
            #expect(log["text"] as? String == "line-1\nline-2\nline-3\nhello-from-job\n")
            #expect(log["size"] as? Int == 36)
            #expect(log["next_offset"] as? Int == 36)
            #expect(log["offset"] as? Int == 0)
            let slice = t.calls[6].json
            #expect(slice["text"] as? String == "line-2\n")
            #expect(slice["offset"] as? Int == 7)
            #expect(slice["next_offset"] as? Int == 14)
            let reservations = t.calls[7].json["reservations"] as? [[String: Any]] ?? []
            #expect(reservations.map { $0["host"] as? String } == ["ma02"])
        }
    }

    /// Bad calls: each is a tool error (isError) with one line naming what is wrong; the session goes on.
    @Test func badCallsAreToolErrorsNotCrashes() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try await withTestBed(1, prefix: "mc") { bed in
            let herd = try await Self.herd(for: bed, home: dir)
            let t = try await MCPClientScript.run(herd, calls: [
                ("nope", nil),
                ("hosts", ["selector": 5]),
                ("hosts", ["selector": "zz[01-02]"]),
                ("job_log", ["id": "ffffffff"]),
                ("job_log", [:]),
                ("job_log", ["id": "../../etc"]),
                ("job_log", ["id": "ab", "max_bytes": 0]),
                ("place", ["gpus": "two"]),
                ("place", ["ram": "lots"]),
                ("jobs", ["everything": true]),
                ("run", ["mode": "exec", "argv": ["uptime"], "confirm": "YES"]),
                ("hosts", ["selector": "mc01"]),
            ])
            #expect(t.calls.count == 12)
            let errors = t.calls.dropLast()
            #expect(errors.allSatisfy { $0.isError && !$0.text.contains("\n") && !$0.text.hasPrefix("CLIENT:") }, "\(errors.map(\.text))")
            #expect(t.calls[0].text.hasPrefix("unknown tool 'nope' (tools: snapshot, hosts"))
            #expect(t.calls[1].text == "hosts: 'selector' must be a string")
            #expect(t.calls[2].text.contains("zz"))
            #expect(t.calls[3].text.contains("no job 'ffffffff'"))
            #expect(t.calls[4].text.contains("'id' is required"))
            #expect(t.calls[5].text.contains("is not a job id"))
            #expect(t.calls[6].text == "job_log: 'max_bytes' must be between 1 and 65536")
            #expect(t.calls[7].text == "place: 'gpus' must be a whole number")
            #expect(t.calls[8].text.contains("lots"))
            #expect(t.calls[9].text.hasPrefix("jobs: unknown argument 'everything'"))
            #expect(t.calls[10].text.contains("without --allow-exec"))
            #expect(!t.calls[11].isError, "the session still answers after the bad calls")
            #expect(t.toolNames.contains("run") == false)
        }
    }
}
