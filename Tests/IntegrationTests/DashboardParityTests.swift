import Foundation
import HerdRemote
import HerdTestSupport
import Testing

/// Keyboard and mouse parity of the dashboard (issue 14) in a real tmux against real sshd hosts: the `:` palette
/// runs `:on` and shows the result, completes names, refuses an unknown command in one line; Esc closes a prompt
/// at once; clicks select rows and sort by a header; the wheel scrolls.
@Suite(.timeLimit(.minutes(4))) struct DashboardParityTests {
    /// A mouse event as a terminal sends it in SGR mode (1-based cell): button 0 is a click (press, then release),
    /// 64 a wheel step up, 65 down (press only, as terminals send them).
    static func sgr(_ button: Int, x: Int, y: Int) -> String {
        let at = "\(button);\(x + 1);\(y + 1)"
        return "\u{1b}[<\(at)M" + (button < 64 ? "\u{1b}[<\(at)m" : "")
    }

    @Test func paletteMouseAndEsc() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let term = JobAttachTests.Terminal()
        try await withTestBed(3, prefix: "t3a") { bed in
            let herd = HerdBinary(home: dir.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
            for n in ["t3a01", "t3a02", "t3a03"] { #expect(try await herd.run(["host", "add", n, n]).status == 0) }
            let env = "env HERD_HOME='\(herd.home)' HERD_SSH_CONFIG='\(bed.sshConfig)' TERM=xterm-256color"
            let top = "\(env) '\(HerdBinary.path)' top --interval 1; echo top-exit=$?; sleep 60"
            _ = try await term.tmux(["new-session", "-d", "-s", "t", "-x", "140", "-y", "36", top])
            _ = try await term.waitFor("3 up", in: "t", limit: .seconds(30))
            func keys(_ k: String...) async throws { _ = try await term.tmux(["send-keys", "-t", "t"] + k) }
            func text(_ s: String) async throws { _ = try await term.tmux(["send-keys", "-t", "t", "-l", s]) }

            // Esc closes a prompt within the bound (ncurses' default wait is 1 s): the best of three tries.
            var best = Duration.seconds(60)
            for _ in 0..<3 {
                try await keys("/")
                _ = try await term.waitFor("/▏", in: "t")
                let sent = ContinuousClock.now
                try await keys("Escape")
                while try await term.screen("t").contains("/▏"), ContinuousClock.now - sent < .seconds(5) {}
                best = min(best, ContinuousClock.now - sent)
            }
            print("t3: Esc closes the filter prompt in \(best) (best of 3, tmux capture polling included)")
            #expect(best < .milliseconds(500), "Esc took \(best)")

            // The palette: completion, an unknown command, then :on with its output in the log pane.
            try await text(":on t3a0")
            try await keys("Tab")
            let choices = try await term.waitFor("t3a01 t3a02 t3a03", in: "t")
            #expect(choices.contains(":on t3a0▏"))
            try await text("2")
            try await keys("Tab")
            _ = try await term.waitFor(":on t3a02 ▏", in: "t")
            try await keys("Escape")
            try await text(":frob")
            try await keys("Enter")
            _ = try await term.waitFor("unknown command ':frob'", in: "t")
            try await text(":on t3a01,t3a02 echo palette-$((6*7))")
            try await keys("Enter")
            let ran = try await term.waitFor("palette-42", in: "t", limit: .seconds(30))
            #expect(ran.contains("on t3a01,t3a02: echo palette-$((6*7))"))
            #expect(ran.contains("t3a[01-02] (2)"), "both hosts answered, folded by the same output")
            // The output stays in the result view until dismissed; Esc closes it (keys arrive in order).
            try await keys("Escape")

            // A click on the LOAD header (after the marker and name columns) sorts by load (▼), again reverses (▲); a click on NAME sorts by name.
            try await text(Self.sgr(0, x: 10, y: 1))
            _ = try await term.waitFor("LOAD▼", in: "t")
            try await text(Self.sgr(0, x: 10, y: 1))
            _ = try await term.waitFor("LOAD▲", in: "t")
            // As a hand clicks: the press and, a moment later, the release (the click counts on the release).
            try await text("\u{1b}[<0;3;2M")
            try await Task.sleep(for: .milliseconds(150))
            try await text("\u{1b}[<0;3;2m")
            _ = try await term.waitFor("NAME▲", in: "t")

            // A click on the third row selects t3a03: `c` measures that host.
            try await text(Self.sgr(0, x: 5, y: 4))
            try await keys("c")
            _ = try await term.waitFor("clean t3a03 now? (y/n)", in: "t", limit: .seconds(60))
            try await keys("n")
            _ = try await term.waitFor("cancelled", in: "t")
            // The wheel up over the host table moves the selection to the first host.
            try await text(Self.sgr(64, x: 5, y: 4))
            try await keys("c")
            _ = try await term.waitFor("clean t3a01 now? (y/n)", in: "t", limit: .seconds(60))
            try await keys("n")
            _ = try await term.waitFor("cancelled", in: "t")

            // A long :on result scrolls under the wheel and stays until dismissed.
            try await text(":on t3a01 seq 1 60")
            try await keys("Enter")
            _ = try await term.waitFor("on t3a01: seq 1 60", in: "t", limit: .seconds(30))
            _ = try await term.waitFor(" 1-", in: "t", limit: .seconds(30))
            try await text(Self.sgr(65, x: 100, y: 20))
            _ = try await term.waitFor(" 4-", in: "t")
            try await keys("End")
            _ = try await term.waitFor("1 ok", in: "t")
            try await keys("Escape")

            // :theme switches colours or says which themes there are.
            try await text(":theme light")
            try await keys("Enter")
            _ = try await term.waitFor("theme light", in: "t")
            try await text(":theme nope")
            try await keys("Enter")
            _ = try await term.waitFor("no theme 'nope'", in: "t")

            // :run starts a detached job through `herd run -d -n`; it shows in the job list and its log in the log pane.
            try await text(":run t3a01 seq 1 60; sleep 60")
            try await keys("Enter")
            _ = try await term.waitFor("started on t3a01", in: "t", limit: .seconds(60))
            _ = try await term.waitFor("─ jobs 1", in: "t", limit: .seconds(15))
            // The wheel over the job's log scrolls it back (paused) once the log is longer than the pane; End in the
            // log pane follows again.
            var paused = false
            let logDeadline = ContinuousClock.now + .seconds(20)
            while !paused, ContinuousClock.now < logDeadline {
                try await text(Self.sgr(64, x: 100, y: 28))
                try await Task.sleep(for: .milliseconds(300))
                paused = try await term.screen("t").contains("paused at")
            }
            let logScreen = try await term.screen("t")
            #expect(paused, "the wheel over the job's log pauses it: \(logScreen)")
            try await keys("Tab", "Tab", "End")
            let deadline = ContinuousClock.now + .seconds(10)
            while try await term.screen("t").contains("paused at"), ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(try await !term.screen("t").contains("paused at"), "End in the log pane follows again")

            // Mouse reporting is off while attached (clicks reach the job's terminal as nothing) and on again after.
            func mouseFlag() async throws -> String {
                try await term.tmux(["display-message", "-p", "-t", "t", "#{mouse_any_flag}"]).stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            #expect(try await mouseFlag() == "1")
            try await keys("h")
            try await keys("Enter")
            _ = try await term.waitFor("[herd ", in: "t", limit: .seconds(15))
            #expect(try await mouseFlag() == "0")
            try await keys("C-b", "d")
            _ = try await term.waitFor("─ jobs 1", in: "t", limit: .seconds(15))
            #expect(try await mouseFlag() == "1")
            try await text(Self.sgr(0, x: 10, y: 1))
            _ = try await term.waitFor("LOAD▼", in: "t")

            try await text(":q")
            try await keys("Enter")
            let after = try await term.waitFor("top-exit=0", in: "t")
            #expect(!after.contains("paused at"))
        }
        await term.kill()
    }
}
