import Foundation
import HerdRemote
import HerdTestSupport
import Testing

/// The dashboard and its terminal: refusing terminals it cannot drive, Esc without ncurses' one-second wait,
/// and a failed attach that says why (issue 10, section 7). Real tmux; the attach test uses a real sshd host.
@Suite(.timeLimit(.minutes(3))) struct DashboardTerminalTests {
    @Test func aTerminalWithoutCursorAddressingIsRefusedWithAHint() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let term = JobAttachTests.Terminal()
        let herd = "env HERD_HOME='\(dir.file("home"))' '\(HerdBinary.path)'"
        let script = """
            \(herd) top; echo "dumb-exit=$?"; TERM=nosuchterm \(herd) top; echo "unknown-exit=$?"; \
            TERM= \(herd); echo "unset-exit=$?"; TERM=dumb \(herd) ls >/dev/null; echo "ls-exit=$?"; sleep 60
            """
        _ = try await term.tmux(["new-session", "-d", "-s", "t", "-x", "200", "-y", "30", "env TERM=dumb sh -c '\(script.replacingOccurrences(of: "'", with: "'\\''"))'"])
        let screen = try await term.waitFor("ls-exit=", in: "t")
        let lines = screen.split(separator: "\n").map(String.init)
        let dumb = lines.firstIndex { $0.hasPrefix("herd: the terminal 'dumb' cannot run the dashboard (needs cursor addressing)") }
        #expect(dumb != nil, "\(screen)")
        #expect(screen.contains("use `herd ls`, or set TERM=xterm-256color"))
        if let dumb { #expect(lines[dumb + 1] == "dumb-exit=2", "one line, then exit 2") }
        #expect(screen.contains("herd: the terminal type 'nosuchterm' is unknown here (no terminfo entry)"))
        #expect(screen.contains("unknown-exit=2"))
        #expect(screen.contains("herd: TERM is not set, so the dashboard cannot run") && screen.contains("unset-exit=2"))
        #expect(screen.contains("ls-exit=0"), "herd ls needs no terminal capabilities")
        await term.kill()
    }

    @Test func escapeClosesTheHelpAndAPromptAtOnce() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let term = JobAttachTests.Terminal()
        let top = "env HERD_HOME='\(dir.file("home"))' TERM=xterm-256color '\(HerdBinary.path)' top; echo top-exit=$?; sleep 60"
        _ = try await term.tmux(["new-session", "-d", "-s", "t", "-x", "120", "-y", "30", top])
        _ = try await term.waitFor("─ hosts 1", in: "t")
        var took: [Duration] = []
        for _ in 0..<3 {
            _ = try await term.tmux(["send-keys", "-t", "t", "?"])
            _ = try await term.waitFor("keys (any key closes)", in: "t")
            _ = try await term.tmux(["send-keys", "-t", "t", "Escape"])
            took.append(try await term.waitGone("keys (any key closes)", in: "t", limit: .seconds(3)).1)

            _ = try await term.tmux(["send-keys", "-t", "t", "p"])
            _ = try await term.waitFor("place: ▏", in: "t")
            _ = try await term.tmux(["send-keys", "-t", "t", "Escape"])
            took.append(try await term.waitGone("place: ▏", in: "t", limit: .seconds(3)).1)
        }
        // ncurses' default ESCDELAY is 1 s; herd sets 25 ms. The bound leaves room for the 50 ms key poll, a
        // frame and tmux's capture, and still tells 25 ms from 1 s.
        print("Esc to closed view:", took)
        #expect(took.allSatisfy { $0 < .milliseconds(400) }, "\(took)")
        _ = try await term.tmux(["send-keys", "-t", "t", "q"])
        _ = try await term.waitFor("top-exit=0", in: "t")
        await term.kill()
    }

    @Test func aFailedAttachShowsSshsOrTmuxsWordsInTheStatusLineAndAJobOffTheRosterIsNotActedOn() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let term = JobAttachTests.Terminal()
        try await withTestBed(1, prefix: "h6b") { bed in
            let herd = HerdBinary(home: dir.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
            #expect(try await herd.run(["host", "add", "h6b01", "h6b01"]).status == 0)
            let job = try await herd.run(["run", "h6b01", "-d", "-n", "--", "sleep 300"])
            #expect(job.status == 0)
            let id = job.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
            let env = "env HERD_HOME='\(herd.home)' HERD_SSH_CONFIG='\(bed.sshConfig)' TERM=xterm-256color"
            let top = "\(env) '\(HerdBinary.path)' top --interval 1; echo top-exit=$?; sleep 60"
            _ = try await term.tmux(["new-session", "-d", "-s", "t", "-x", "160", "-y", "36", top])
            _ = try await term.waitFor("1 up", in: "t", limit: .seconds(20))
            _ = try await term.waitFor(id, in: "t", limit: .seconds(15))
            _ = try await term.tmux(["send-keys", "-t", "t", "Tab"])

            // The session is gone (killed on the host; another session keeps the tmux server): tmux's own message.
            let kill = try await HerdBinary.ssh([
                "-F", bed.sshConfig, "-o", "BatchMode=yes", "h6b01",
                "tmux new-session -d -s keep 'sleep 300' && tmux kill-session -t =herd-\(id.prefix(8))",
            ])
            #expect(kill.status == 0, "\(kill.stderrText)")
            _ = try await term.tmux(["send-keys", "-t", "t", "Enter"])
            let gone = try await term.waitFor("attach \(id.prefix(8)) on h6b01 failed: ", in: "t", limit: .seconds(20))
            #expect(gone.contains("can't find session"), "\(gone)")

            // The host is down: ssh's own message.
            try await bed.kill("h6b01")
            _ = try await term.tmux(["send-keys", "-t", "t", "a"])
            _ = try await term.waitFor("Connection refused", in: "t", limit: .seconds(20))
            let status = try await term.statusLine("t")
            #expect(status.contains("attach \(id.prefix(8)) on h6b01 failed: ") && status.contains("Connection refused"), "\(status)")

            // The host left the roster (hosts.json edited by hand: `host rm` refuses while the job's record says
            // running): the attach is refused before any ssh.
            try Data("[]".utf8).write(to: URL(fileURLWithPath: dir.file("home/hosts.json")))
            _ = try await term.waitFor("─ hosts 1", in: "t")
            _ = try await term.waitFor("local", in: "t")
            _ = try await term.tmux(["send-keys", "-t", "t", "Enter"])
            _ = try await term.waitFor("attach \(id.prefix(8)): h6b01 is not in the roster", in: "t", limit: .seconds(5))
            _ = try await term.tmux(["send-keys", "-t", "t", "s"])
            _ = try await term.waitFor("stop job \(id.prefix(8)) on h6b01? (y/n)", in: "t", limit: .seconds(5))
            _ = try await term.tmux(["send-keys", "-t", "t", "y"])
            _ = try await term.waitFor("stop \(id.prefix(8)): h6b01 is not in the roster", in: "t", limit: .seconds(5))

            _ = try await term.tmux(["send-keys", "-t", "t", "q"])
            _ = try await term.waitFor("top-exit=0", in: "t")
        }
        await term.kill()
    }
}
