import Foundation
import HerdCore
import HerdRemote
import HerdTestSupport
import Testing

/// A job whose log is CJK and emoji, followed in the dashboard in a real tmux: every wide character takes its two
/// columns and stops at the log pane's edge, so no row spills into the next one or pushes the pane off its place.
@Suite(.timeLimit(.minutes(3))) struct DashboardWideTextTests {
    @Test func wideCharactersInAJobLogStayInsideTheLogPane() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let term = JobAttachTests.Terminal()
        try await withTestBed(1, prefix: "wd") { bed in
            let herd = HerdBinary(home: dir.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
            #expect(try await herd.run(["host", "add", "wd01", "wd01"]).status == 0)
            // Two long lines one column apart, so that at whatever column the pane ends, one of them has a wide
            // character across its edge; one with characters no terminal can show.
            let even = "W:" + String(repeating: "日", count: 100) + "-end"
            let odd = "V:a" + String(repeating: "😀", count: 100) + "-end"
            let odd2 = "U:\u{0378}x\u{200B}y"
            let job = try await herd.run(["run", "wd01", "-d", "-n", "--", "printf '%s\\n' '\(even)' '\(odd)' '\(odd2)'; sleep 120"])
            #expect(job.status == 0, "\(job.stderrText)")
            let env = "env HERD_HOME='\(herd.home)' HERD_SSH_CONFIG='\(bed.sshConfig)' TERM=xterm-256color"
            let top = "\(env) '\(HerdBinary.path)' top --interval 1; echo top-exit=$?; sleep 60"
            _ = try await term.tmux(["new-session", "-d", "-s", "t", "-x", "150", "-y", "30", top])
            _ = try await term.waitFor("─ hosts 1", in: "t")
            _ = try await term.tmux(["send-keys", "-t", "t", "Tab"])
            let screen = try await term.waitFor("U:?xy", in: "t", limit: .seconds(15))
            let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
            #expect(rows.count == 30, "\(screen)")
            for row in rows { #expect(DisplayWidth.of(row) <= 150, "a row wider than the window: \(row)") }
            let w = try #require(rows.first { $0.contains("W:日") }, "\(screen)")
            let v = try #require(rows.first { $0.contains("V:a😀") }, "\(screen)")
            #expect(!w.contains("-end") && !v.contains("-end"), "clipped at the pane's edge")
            // Both end at the window's right edge, or one column short of it (a wide character that did not fit).
            #expect((149...150).contains(DisplayWidth.of(w)) && (149...150).contains(DisplayWidth.of(v)), "\(w)\n\(v)")
            // Nothing spilled: no row starts with the text of the one above it, and the job row left of the log
            // pane still reads as it should.
            #expect(!rows.contains { $0.hasPrefix("日") || $0.hasPrefix("😀") }, "\(screen)")
            let jobRow = rows.first { $0.contains("wd01") && $0.contains("running") }
            #expect(jobRow != nil, "\(screen)")
            _ = try await term.tmux(["send-keys", "-t", "t", "q"])
            _ = try await term.waitFor("top-exit=0", in: "t", limit: .seconds(20))
        }
        await term.kill()
    }
}
