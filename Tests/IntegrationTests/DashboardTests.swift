import Foundation
import HerdRemote
import HerdTestSupport
import Testing

/// The dashboard in a real terminal (a tmux server of the test's own) against real sshd hosts.
@Suite(.timeLimit(.minutes(4))) struct DashboardTests {
    @Test func hostsJobsKeysAttachResizeAndQuit() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let term = JobAttachTests.Terminal()
        try await withTestBed(3, prefix: "da") { bed in
            let herd = HerdBinary(home: dir.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
            #expect(try await herd.run(["host", "add", "da01", "da01"]).status == 0)
            #expect(try await herd.run(["host", "add", "da02", "da02"]).status == 0)
            #expect(try await herd.run(["host", "add", "da03", "da03", "--dedicated"]).status == 0)
            let env = "env HERD_HOME='\(herd.home)' HERD_SSH_CONFIG='\(bed.sshConfig)' TERM=xterm-256color"
            let top = "\(env) '\(HerdBinary.path)' top --interval 1; echo top-exit=$?; stty -a; echo stty-done; sleep 60"
            _ = try await term.tmux(["new-session", "-d", "-s", "t", "-x", "140", "-y", "36", top])
            let first = try await term.waitFor("3 up", in: "t")
            #expect(first.contains("da03  [ded]"), "\(first)")
            #expect(first.contains("da01") && first.contains("da02"))

            try await bed.kill("da02")
            let down = try await term.waitFor("1 down", in: "t", limit: .seconds(20))
            #expect(down.split(separator: "\n").contains { $0.hasPrefix("✖ da02") && $0.contains("down") && $0.contains("refused") }, "\(down)")

            for key in ["o", "u", "n", "a", "m", "e", "Enter"] { _ = try await term.tmux(["send-keys", "-t", "t", key]) }
            let folded = try await term.waitFor("── da01 (1)", in: "t", limit: .seconds(20))
            #expect(folded.contains("Linux"), "uname output folded by host range")
            // The output is shown until dismissed (issue 14).
            _ = try await term.tmux(["send-keys", "-t", "t", "Escape"])
            _ = try await term.waitGone("Esc/Enter/q close", in: "t", limit: .seconds(5))

            let job = try await herd.run(["run", "da01", "-d", "-n", "--", "echo working; sleep 120"])
            #expect(job.status == 0)
            let id = job.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
            _ = try await term.waitFor(id, in: "t", limit: .seconds(15))
            _ = try await term.tmux(["send-keys", "-t", "t", "Tab"])
            _ = try await term.tmux(["send-keys", "-t", "t", "Enter"])
            _ = try await term.waitFor("[herd \(id)", in: "t", limit: .seconds(15))
            _ = try await term.tmux(["send-keys", "-t", "t", "C-b", "d"])
            _ = try await term.waitFor("─ jobs 1", in: "t", limit: .seconds(15))

            _ = try await term.tmux(["send-keys", "-t", "t", "s"])
            _ = try await term.waitFor("stop job \(id)", in: "t")
            _ = try await term.tmux(["send-keys", "-t", "t", "y"])
            _ = try await term.waitFor("stopped [", in: "t", limit: .seconds(30))

            _ = try await term.tmux(["resize-window", "-t", "t", "-x", "50", "-y", "10"])
            _ = try await term.waitFor("terminal too small", in: "t")
            _ = try await term.tmux(["resize-window", "-t", "t", "-x", "120", "-y", "30"])
            _ = try await term.waitFor("─ hosts 3", in: "t")

            _ = try await term.tmux(["send-keys", "-t", "t", "q"])
            // Waits for the end of stty's output, not only the exit line before it.
            let after = try await term.waitFor("stty-done", in: "t")
            #expect(after.contains("top-exit=0"))
            #expect(after.contains(" echo ") && after.contains(" icanon "), "the terminal is back in cooked mode")
        }
        await term.kill()
    }
}
