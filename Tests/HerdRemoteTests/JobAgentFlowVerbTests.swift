import Foundation
import HerdRemote
import Testing

/// The job agent's `bar` (the tmux status bar's right side) and `wait` verbs, run with /bin/sh on job directories
/// made by hand: the bar stops counting at `ended_at` and shows only safe bytes; `wait` answers at once for ended
/// or unknown jobs.
@Suite(.timeLimit(.minutes(1))) struct JobAgentFlowVerbTests {
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("herd-agentflow-\(UUID().uuidString.prefix(8))").path

    func job(_ id: String, _ files: [String: String]) throws {
        let dir = "\(home)/.herd/jobs/\(id)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(toFile: "\(dir)/\(name)", atomically: true, encoding: .utf8) }
    }

    func agent(_ args: [String]) async throws -> CommandResult {
        // No tmux server in this HOME: `wait` must not need one to answer for ended jobs.
        try await ProcessRunner(environment: ["HOME": home, "TMUX_TMPDIR": home, "PATH": "/usr/bin:/bin"]).run(
            "/bin/sh", ["-c", JobAgent.source, "herd-job-agent"] + args, input: nil, timeout: .seconds(10))
    }

    @Test func barShowsTheEndedDurationAndOnlySafeBytes() async throws {
        defer { try? FileManager.default.removeItem(atPath: home) }
        try job("a", ["started_at": "100\n", "ended_at": "234\n", "exitcode": "3\n"])
        #expect(try await agent(["bar", "a"]).stdoutText == "done [3] 0:02:14\n")
        try job("b", ["started_at": "x#(reboot)\n", "ended_at": "1\n", "exitcode": "#(touch p)\u{1b}[2J\n"])
        let odd = try await agent(["bar", "b"]).stdoutText
        #expect(odd == "done [??touch?p???2J] 0:00:00\n", "\(odd)")
        let now = Int(Date().timeIntervalSince1970)
        try job("c", ["started_at": "\(now - 3725)\n"])
        let running = try await agent(["bar", "c"]).stdoutText
        #expect(running.hasPrefix("running 1:02:0"), "\(running)")
    }

    @Test func waitAnswersAtOnceForEndedAndMissingJobs() async throws {
        defer { try? FileManager.default.removeItem(atPath: home) }
        try job("a", ["started_at": "100\n", "ended_at": "234\n", "exitcode": "3\n"])
        // "c" has a directory but no session: it is not running, so wait does not block on it.
        try job("c", ["started_at": "100\n", "tmux_session": "herd-c\n"])
        let began = ContinuousClock.now
        let r = try await agent(["wait", "a", "b", "c"])
        #expect(ContinuousClock.now - began < .seconds(5))
        #expect(r.stdoutText == "@@job a done 3 234\n@@job b missing\n@@job c missing\n", "\(r.stdoutText) \(r.stderrText)")
    }

    /// `status` over many jobs with a real tmux server: the sessions are listed once and matched by each job's
    /// short id, so a job's running state is right whatever its `tmux_session` file says (a job can rewrite it).
    @Test func statusMatchesEveryJobAgainstOneListOfSessions() async throws {
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = try #require(Executable.find("tmux"), "tmux is a test dependency")
        let ids = (0..<12).map { _ in UUID().uuidString.lowercased() }
        for (i, id) in ids.enumerated() {
            // The file points at another job's session for half of them: it is not what decides.
            try job(id, ["started_at": "100\n", "tmux_session": "herd-\(ids[(i + 1) % ids.count].prefix(8))\n"])
        }
        try job(ids[11], ["started_at": "100\n", "ended_at": "200\n", "exitcode": "0\n"])
        let env = ["HOME": home, "TMUX_TMPDIR": home, "PATH": "/usr/bin:/bin"]
        let runner = ProcessRunner(environment: env)
        let live = ids.enumerated().filter { $0.offset.isMultiple(of: 2) }.map(\.element)
        for id in live {
            let r = try await runner.run(tmux, ["new-session", "-d", "-s", "herd-\(id.prefix(8))", "sleep 60"], input: nil, timeout: .seconds(10))
            #expect(r.status == 0, "\(r.stderrText)")
        }
        let ghost = UUID().uuidString.lowercased()  // a session, no job directory
        _ = try await runner.run(tmux, ["new-session", "-d", "-s", "herd-\(ghost.prefix(8))", "sleep 60"], input: nil, timeout: .seconds(10))
        let r = try await agent(["status"] + ids + [ghost])
        var expected = ids.map { id -> String in
            if id == ids[11] { return "@@job \(id) done 0 200" }
            return "@@job \(id) \(live.contains(id) ? "running" : "missing")"
        }
        expected.append("@@job \(ghost) missing")
        _ = try? await runner.run(tmux, ["kill-server"], input: nil, timeout: .seconds(5))
        #expect(r.stdoutText == expected.joined(separator: "\n") + "\n", "\(r.stdoutText) \(r.stderrText)")
    }
}
