import Foundation
import HerdCore
import HerdRemote
import HerdService
import HerdStore
import HerdTestSupport
import Testing

/// `JobService.logWindow` (what `/v1/jobs/{id}/log`, MCP's job log and the guarded run's output tail read) on a real
/// host, over the agent: a slice larger than one agent answer comes whole and in order, the last N bytes, a slice
/// past the end, and a job whose log is gone is one line naming the job and the host.
@Suite(.timeLimit(.minutes(3))) struct JobLogWindowTests {
    @Test func slicesAcrossAgentPiecesTheTailAndAMissingLog() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try await withTestBed(1, prefix: "lw") { bed in
            let herd = HerdBinary(home: dir.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
            #expect(try await herd.run(["host", "add", "lw01", "lw01"]).status == 0)
            // 600,000 numbered bytes (more than two 256 KiB agent pieces), then a last line.
            let run = try await herd.run(["run", "lw01", "-d", "-n", "--", "seq -w 0 99999 | head -c 600000; echo; echo the-end"])
            #expect(run.status == 0, "\(run.stderrText)")
            let id = run.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
            let context = ServiceContext(home: HerdHome(root: URL(fileURLWithPath: dir.file("home"))), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
            let service = JobService(context: context)
            let job = try service.job(id)
            let host = try service.host(of: job)
            var whole = try await service.logWindow(job, on: host, offset: 0, limit: 1 << 20)
            let deadline = ContinuousClock.now + .seconds(30)
            while !whole.eof, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(300))
                whole = try await service.logWindow(job, on: host, offset: 0, limit: 1 << 20)
            }
            let expected = String(try await HerdBinary.shell("seq -w 0 99999 | head -c 600000").prefix(600_000)) + "\nthe-end\n"
            #expect(whole.eof && whole.ended && whole.size == UInt64(expected.utf8.count))
            #expect(whole.text == expected, "\(whole.text.count) bytes, expected \(expected.utf8.count)")
            #expect(whole.nextOffset == whole.size)

            let tail = try await service.logWindow(job, on: host, offset: nil, limit: 8)
            #expect(tail.text == "the-end\n" && tail.offset == whole.size - 8)
            let middle = try await service.logWindow(job, on: host, offset: 300_000, limit: 12)
            #expect(middle.text == String(expected.dropFirst(300_000).prefix(12)) && middle.nextOffset == 300_012 && !middle.eof)
            let past = try await service.logWindow(job, on: host, offset: whole.size + 100, limit: 100)
            #expect(past.text.isEmpty && past.eof)

            _ = try await herd.run(["on", "lw01", "--", "rm -f ~/.herd/jobs/\(job.id)/output.log"])
            do {
                _ = try await service.logWindow(job, on: host, offset: 0, limit: 100)
                Issue.record("a missing log was read")
            } catch {
                #expect("\(error)".contains("job \(job.shortID) has no output log on lw01"), "\(error)")
            }
        }
    }
}
