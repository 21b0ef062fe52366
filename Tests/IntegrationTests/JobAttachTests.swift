import Foundation
import HerdRemote
import HerdTestSupport
import Testing

/// `herd run` on a terminal attaches; Ctrl+B D detaches; `herd attach` comes back; a killed `herd run` leaves the
/// job running. Driven through a real terminal: a tmux server of the test's own (send-keys / capture-pane).
@Suite(.timeLimit(.minutes(3))) struct JobAttachTests {
    /// A private tmux server (its own socket) that plays the user's terminal.
    struct Terminal {
        let socket = "herdtest-\(UUID().uuidString.prefix(8))"

        func tmux(_ args: [String]) async throws -> CommandResult {
            try await ProcessRunner().run(Executable.find("tmux") ?? "/usr/bin/tmux", ["-L", socket] + args, input: nil, timeout: .seconds(10))
        }

        func screen(_ target: String) async throws -> String {
            try await tmux(["capture-pane", "-p", "-t", target]).stdoutText
        }

        /// Waits until the screen of `target` contains `text`.
        func waitFor(_ text: String, in target: String, limit: Duration = .seconds(15)) async throws -> String {
            let deadline = ContinuousClock.now + limit
            var last = ""
            while ContinuousClock.now < deadline {
                last = try await screen(target)
                if last.contains(text) { return last }
                try await Task.sleep(for: .milliseconds(200))
            }
            Issue.record("'\(text)' never appeared; screen:\n\(last)")
            return last
        }

        func kill() async { _ = try? await tmux(["kill-server"]) }
    }

    @Test func runAttachesDetachesReattachesAndSurvivesAKilledClient() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let term = Terminal()
        try await withTestBed(1, prefix: "jd") { bed in
            let herd = HerdBinary(home: dir.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
            #expect(try await herd.run(["host", "add", "jd01", "jd01"]).status == 0)
            let env = "env HERD_HOME='\(herd.home)' HERD_SSH_CONFIG='\(bed.sshConfig)'"
            let run = "\(env) '\(HerdBinary.path)' run -n jd01 -- 'echo started; sleep 4; echo finished'; echo herd-exit=$?; sleep 60"
            _ = try await term.tmux(["new-session", "-d", "-s", "t", "-x", "150", "-y", "40", run])
            _ = try await term.waitFor("started", in: "t")
            // The bar's right side comes from the agent a moment after the bar itself: wait for it, then check both.
            let attached = try await term.waitFor("running", in: "t")
            #expect(attached.contains("[herd ") && attached.contains("running"), "the job's status bar")
            _ = try await term.tmux(["send-keys", "-t", "t", "C-b", "d"])
            let detached = try await term.waitFor("herd-exit=0", in: "t")
            #expect(!detached.contains("finished"))

            let ps = try await herd.run(["ps", "--json", "--wait", "10s"])
            let rows = (try JSONSerialization.jsonObject(with: ps.stdout) as? [String: Any])?["jobs"] as? [[String: Any]] ?? []
            let id = try #require(rows.first?["id"] as? String)
            #expect(rows.first?["status"] as? String == "running")

            let attach = "\(env) '\(HerdBinary.path)' attach \(id.prefix(6)); echo attach-exit=$?; sleep 60"
            _ = try await term.tmux(["new-window", "-t", "t", "-n", "again", attach])
            // Either the job ended while no one was attached (its session is gone; attach shows the log's tail and the
            // status), or attach came first and any key ends the session after the job: both end with the summary.
            var again = ""
            var sawFinished = false
            let deadline = ContinuousClock.now + .seconds(20)
            while ContinuousClock.now < deadline && !again.contains("attach-exit=") {
                again = try await term.screen("t:again")
                sawFinished = sawFinished || again.contains("finished")
                if again.contains("Press any key to detach") { _ = try await term.tmux(["send-keys", "-t", "t:again", "q"]) }
                try await Task.sleep(for: .milliseconds(300))
            }
            #expect(again.contains("attach-exit=0"), "\(again)")
            #expect(sawFinished)
            #expect(again.contains("done [0] on jd01 after 0:00:0"), "\(again)")

            // The local herd process dies hard while attached: the job runs on and ends normally.
            let doomed = "\(env) '\(HerdBinary.path)' run -n jd01 -- 'sleep 2; echo survived'; sleep 60"
            _ = try await term.tmux(["new-window", "-t", "t", "-n", "doomed", doomed])
            _ = try await term.waitFor("[herd ", in: "t:doomed")
            // pkill run directly (no shell whose command line would match too).
            let killed = try await ProcessRunner().run("/usr/bin/pkill", ["-KILL", "-f", "\(HerdBinary.path) run -n jd01"], input: nil, timeout: .seconds(5))
            #expect(killed.status == 0)
            try await Task.sleep(for: .seconds(3))
            let all = try await herd.run(["ps", "--all", "--json", "--wait", "10s"])
            let jobs = (try JSONSerialization.jsonObject(with: all.stdout) as? [String: Any])?["jobs"] as? [[String: Any]] ?? []
            #expect(jobs.count == 2)
            #expect(jobs.allSatisfy { $0["status"] as? String == "done" && $0["exit_code"] as? Int == 0 }, "\(jobs)")
            for j in jobs { _ = try await herd.run(["rm", "--force", String((j["id"] as! String).prefix(8))]) }
        }
        await term.kill()
    }
}
