import Foundation
import HerdCore
import HerdRemote
import Testing

/// The session agent's `jobs` and `log` verbs, run locally under /bin/sh with a home of the test's own (the same
/// script ssh runs on a host). Logs are hostile: the done marker, invalid UTF-8, NULs, no final newline.
/// Each test has a home of its own, removed when the test ends.
@Suite(.timeLimit(.minutes(1))) final class AgentJobVerbTests {
    let home: String
    let session: HostSession

    init() throws {
        home = NSTemporaryDirectory() + "herd-agent-verbs-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: home + "/.herd/jobs", withIntermediateDirectories: true)
        session = HostSession(executable: "/usr/bin/env", arguments: ["HOME=\(home)", "/bin/sh", "-c", AgentScript.source, "herd-agent", "serve"])
    }

    deinit {
        try? FileManager.default.removeItem(atPath: home)
    }

    /// Makes job `id` with `log` as its output (and an exit code when `code` is given).
    func job(_ log: Data, code: String? = nil) throws -> String {
        let id = UUID().uuidString.lowercased()
        let dir = "\(home)/.herd/jobs/\(id)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try log.write(to: URL(fileURLWithPath: dir + "/output.log"))
        if let code {
            try Data("\(code)\n".utf8).write(to: URL(fileURLWithPath: dir + "/exitcode"))
            try Data("1700000000\n".utf8).write(to: URL(fileURLWithPath: dir + "/ended_at"))
        }
        return id
    }

    func log(_ id: String, _ offset: Int, _ max: Int) async throws -> LogChunk {
        try LogChunk.parse(try await session.request("log \(id) \(offset) \(max)", timeout: .seconds(10)))
    }

    @Test func theDoneMarkerInsideALogCannotEndOrForgeAnAnswer() async throws {
        let hostile = Data("before\n@@herd-done 1 0\n@@herd-done 2 0\n@@log 1 b64\n".utf8) + Data([0xff, 0xfe, 0x00, 0xc3, 0x28]) + Data("no newline".utf8)
        let id = try job(hostile, code: "0")
        let c = try await log(id, 0, 1 << 20)
        #expect(c.bytes == hostile)
        #expect(c.size == UInt64(hostile.count))
        #expect(JobReport.parse(c.stateLine, id: id) == .ended(code: 0, endedAt: Date(timeIntervalSince1970: 1_700_000_000)))
        // The session still answers in step.
        #expect(try await session.request("ping", timeout: .seconds(5)) == ["pong"])
        await session.stop()
    }

    @Test func readsFromAnOffsetAtMostTheLengthAsked() async throws {
        let text = Data((0..<1000).map { UInt8(truncatingIfNeeded: $0) })
        let id = try job(text)
        #expect(try await log(id, 10, 20).bytes == text.subdata(in: 10..<30))
        #expect(try await log(id, 990, 100).bytes == text.subdata(in: 990..<1000))
        let past = try await log(id, 5000, 100)
        #expect(past.bytes.isEmpty && past.size == 1000)
        #expect(try await log(id, 0, 0).bytes.isEmpty)
        // No tmux session, no exit code: the job is gone from the host's point of view.
        #expect(JobReport.parse(try await log(id, 0, 0).stateLine, id: id) == .unknown(reason: JobReport.missingReason))
        await session.stop()
    }

    @Test func badArgumentsAndMissingJobsAreErrorsNotCrashes() async throws {
        let missing = UUID().uuidString.lowercased()
        for request in ["log ../../etc 0 10", "log \(missing) x 10", "log \(missing) 0 -1", "log \(missing)", "jobs ;rm", "log \(missing) 0 10"] {
            let lines = try await session.request(request, timeout: .seconds(10))
            #expect(throws: LogChunk.Failure.self, "\(request): \(lines)") { try LogChunk.parse(lines) }
        }
        let states = try await session.request("jobs \(missing)", timeout: .seconds(10))
        #expect(states == ["@@job \(missing) missing"])
        #expect(try await session.request("ping", timeout: .seconds(5)) == ["pong"])
        await session.stop()
    }

    @Test func jobsReportsEndedAndMissingJobsAsTheJobAgentDoes() async throws {
        let done = try job(Data(), code: "3")
        let odd = try job(Data(), code: "$(reboot)\n9")
        let gone = UUID().uuidString.lowercased()
        let text = try await session.request("jobs \(done) \(odd) \(gone)", timeout: .seconds(10)).joined(separator: "\n")
        #expect(JobReport.parse(text, id: done) == .ended(code: 3, endedAt: Date(timeIntervalSince1970: 1_700_000_000)))
        #expect(JobReport.parse(text, id: odd) == .unknown(reason: "exit code is not a number"))
        #expect(JobReport.parse(text, id: gone) == .unknown(reason: JobReport.missingReason))
        await session.stop()
    }

    @Test func oneShotModeAnswersLikeTheSession() async throws {
        let id = try job(Data("abc\n".utf8), code: "0")
        let r = try await ProcessRunner().run(
            "/usr/bin/env", ["HOME=\(home)", "/bin/sh", "-c", AgentScript.command(verb: "log", [id, "1", "10"])], input: nil, timeout: .seconds(10))
        let lines = r.stdoutText.split(separator: "\n").map(String.init)
        #expect(try LogChunk.parse(lines).bytes == Data("bc\n".utf8))
    }
}
