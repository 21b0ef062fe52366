import Foundation
import HerdRemote
import HerdTestSupport
import Testing

/// Issue 14 in a real tmux: a frozen host never holds back the table, action results stay until dismissed,
/// shrinking leaves nothing behind, 8-colour terminals show no text in its background's colour, and a failed
/// attach says why.
@Suite(.timeLimit(.minutes(3))) struct DashboardLiveTests {
    @Test func aFrozenHostAtStartLeavesTheOtherRowsLiveAndTheOutputOfOStays() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let term = JobAttachTests.Terminal()
        try await withTestBed(3, prefix: "t1a") { bed in
            let herd = HerdBinary(home: dir.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
            for n in ["t1a01", "t1a02", "t1a03"] { #expect(try await herd.run(["host", "add", n, n]).status == 0) }
            let job = try await herd.run(["run", "t1a01", "-d", "-n", "--", "while true; do echo follower-line; sleep 0.3; done"])
            #expect(job.status == 0)
            try await bed.freeze("t1a02")
            let env = "env HERD_HOME='\(herd.home)' HERD_SSH_CONFIG='\(bed.sshConfig)' TERM=xterm-256color"
            let top = "\(env) '\(HerdBinary.path)' top --interval 1; echo top-exit=$?; sleep 60"
            _ = try await term.tmux(["new-session", "-d", "-s", "t", "-x", "150", "-y", "36", top])
            // Every roster row at once, the frozen one included (probe timeout 5 s: its answer cannot be what shows it).
            let (rows, took) = try await term.waitUntil("all three rows", in: "t", limit: .seconds(5)) { s in
                ["t1a01", "t1a02", "t1a03"].allSatisfy { n in s.split(separator: "\n").contains { $0.dropFirst(2).hasPrefix(n) } }
            }
            print("rows on screen after", took)
            #expect(took < .seconds(1), "\(rows)")
            let frozenRow = rows.split(separator: "\n").first { $0.dropFirst(2).hasPrefix("t1a02") }.map(String.init) ?? ""
            #expect(frozenRow.contains("connecting"), "\(rows)")
            // The others answer while t1a02 hangs (until its 5 s timeout: then it shows down), and the status line
            // counts only hosts that answered.
            let (live, _) = try await term.waitUntil("the two live hosts up", in: "t", limit: .seconds(15)) {
                $0.contains("2/3 answered · 2 up · 1 connecting") || $0.contains("2 up · 1 down")
            }
            #expect(!live.contains("3 up"), "\(live)")
            try await bed.revive("t1a02")

            // o: the output gets a view of its own, over a followed job log that updates every 0.3 s.
            _ = try await term.tmux(["send-keys", "-t", "t", "Tab"])
            _ = try await term.waitFor("follower-line", in: "t", limit: .seconds(10))
            _ = try await term.tmux(["send-keys", "-t", "t", "o"])
            try await term.type("echo out-$(hostname)-marker", into: "t")
            let shown = try await term.waitFor("3 hosts: 3 ok", in: "t", limit: .seconds(60))
            #expect(shown.contains("on all: echo out-"), "\(shown)")
            try await Task.sleep(for: .seconds(5))
            let later = try await term.screen("t")
            #expect(later.contains("on all: echo out-") && later.contains("-marker") && later.contains("Esc/Enter/q close"), "\(later)")
            _ = try await term.tmux(["send-keys", "-t", "t", "Escape"])
            _ = try await term.waitGone("Esc/Enter/q close", in: "t", limit: .seconds(3))
            _ = try await term.tmux(["send-keys", "-t", "t", "q"])
            _ = try await term.waitFor("top-exit=0", in: "t", limit: .seconds(20))
        }
        await term.kill()
    }

    @Test func shrinkingTheWindowLeavesNoStaleCharacterInTheBottomRightCorner() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let term = JobAttachTests.Terminal()
        let top = "env HERD_HOME='\(dir.file("home"))' TERM=xterm-256color '\(HerdBinary.path)' top; echo top-exit=$?; sleep 60"
        _ = try await term.tmux(["new-session", "-d", "-s", "t", "-x", "150", "-y", "40", top])
        _ = try await term.waitFor("─ hosts 1", in: "t")
        // The result box's bottom border runs along row 38, up to column 148.
        _ = try await term.tmux(["send-keys", "-t", "t", "o"])
        try await term.type("echo hi", into: "t")
        _ = try await term.waitFor("Esc/Enter/q close", in: "t", limit: .seconds(20))
        // One column and one row less: the new bottom-right cell (139, 38) held that border; now it is the status
        // line's last cell, a blank (the hints end well before column 139).
        _ = try await term.tmux(["resize-window", "-t", "t", "-x", "140", "-y", "39"])
        let (screen, _) = try await term.waitUntil("the box redrawn a row higher", in: "t") { s in
            let rows = s.split(separator: "\n", omittingEmptySubsequences: false)
            return rows.count >= 38 && rows[37].hasPrefix(" └")
        }
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let last = rows.count > 38 ? rows[38] : ""
        let cells = Array(last)
        #expect(cells.count < 140 || cells[139] == " ", "bottom-right cell: '\(last)'")
        #expect(!last.hasSuffix("─"), "\(last)")
        _ = try await term.tmux(["send-keys", "-t", "t", "q"])
        _ = try await term.tmux(["send-keys", "-t", "t", "q"])
        _ = try await term.waitFor("top-exit=0", in: "t")
        await term.kill()
    }

    @Test(arguments: [("screen", "default"), ("xterm", "default"), ("xterm", "light"), ("screen", "16color")])
    func eightColourTerminalsShowNoTextInItsBackgroundsColour(_ termName: String, _ theme: String) async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let term = JobAttachTests.Terminal()
        // NO_COLOR (which a test runner may set) would turn colours off and make the check vacuous.
        let top = "env -u NO_COLOR HERD_HOME='\(dir.file("home"))' TERM=\(termName) '\(HerdBinary.path)' top --theme \(theme); echo top-exit=$?; sleep 60"
        _ = try await term.tmux(["new-session", "-d", "-s", "t", "-x", "120", "-y", "30", top])
        _ = try await term.waitFor("1 up", in: "t", limit: .seconds(20))
        for view in ["", "?", "Escape o"] {
            for key in view.split(separator: " ") { _ = try await term.tmux(["send-keys", "-t", "t", String(key)]) }
            if view == "Escape o" {
                try await term.type("echo hi", into: "t")
                _ = try await term.waitFor("Esc/Enter/q close", in: "t", limit: .seconds(20))
            } else if view == "?" {
                _ = try await term.waitFor("keys (any key closes)", in: "t")
            }
            let styled = try await term.tmux(["capture-pane", "-e", "-N", "-p", "-t", "t"]).stdoutText
            let cells = SGRScreen.cells(styled)
            let hidden = cells.filter { $0.char != " " && $0.shownFg == $0.shownBg }
            #expect(hidden.isEmpty, "\(termName)/\(theme) view '\(view)': \(hidden.prefix(5)) of \(cells.count)")
            #expect(cells.filter { $0.char != " " }.count > 200)
            // The help and result overlays cover the table and are mostly plain text: three colours there, four on the panes.
            #expect(Set(cells.map(\.fg)).count >= (view.isEmpty ? 4 : 3) && Set(cells.map(\.bg)).count >= 2, "drawn in colour: \(termName)/\(theme) view '\(view)' fg \(Set(cells.map(\.fg))) bg \(Set(cells.map(\.bg)))")
            if theme == "light" {
                // The light theme's paper is painted: text is on white (or a highlight), never on the terminal's
                // default (dark here) background. (tmux's capture leaves out cells cleared with a colour, so only
                // cells with a character are looked at.)
                let text = cells.filter { $0.char != " " }
                let painted = text.filter { $0.bg == "7" }.count
                #expect(painted > text.count / 2, "\(painted) of \(text.count) on white")
                #expect(!text.contains { $0.bg == SGRScreen.unset }, "\(text.filter { $0.bg == SGRScreen.unset }.prefix(5))")
            }
        }
        _ = try await term.tmux(["send-keys", "-t", "t", "q"])
        _ = try await term.tmux(["send-keys", "-t", "t", "q"])
        _ = try await term.waitFor("top-exit=0", in: "t")
        await term.kill()
    }

    @Test func aFailedAttachSaysWhyEvenWhenTheFailureIsTmuxsOnTheHost() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let term = JobAttachTests.Terminal()
        // A terminal type this machine knows (TERMINFO) and the host does not, as with kitty or alacritty: ssh gets
        // through, has-session passes, and the host's tmux refuses the terminal.
        let info = dir.file("terminfo")
        let tic = try await HerdBinary.shell("mkdir -p '\(info)' && infocmp -x xterm-256color | sed '1,/^xterm-256color|/s/^xterm-256color|[^,]*,/herdterm|herd test terminal,/' | tic -x -o '\(info)' - && echo tic-ok")
        #expect(tic.contains("tic-ok"), "\(tic)")
        try await withTestBed(1, prefix: "t1b") { bed in
            let herd = HerdBinary(home: dir.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
            #expect(try await herd.run(["host", "add", "t1b01", "t1b01"]).status == 0)
            let job = try await herd.run(["run", "t1b01", "-d", "-n", "--", "sleep 300"])
            let id = job.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
            let env = "env HERD_HOME='\(herd.home)' HERD_SSH_CONFIG='\(bed.sshConfig)' TERMINFO='\(info)' TERM=herdterm"
            let top = "\(env) '\(HerdBinary.path)' top --interval 1; echo top-exit=$?; sleep 60"
            _ = try await term.tmux(["new-session", "-d", "-s", "t", "-x", "160", "-y", "36", top])
            _ = try await term.waitFor("1 up", in: "t", limit: .seconds(20))
            _ = try await term.waitFor(String(id.prefix(8)), in: "t", limit: .seconds(15))
            _ = try await term.tmux(["send-keys", "-t", "t", "Tab"])
            _ = try await term.tmux(["send-keys", "-t", "t", "Enter"])
            _ = try await term.waitFor("attach \(id.prefix(8)) on t1b01 failed: ", in: "t", limit: .seconds(20))
            let status = try await term.statusLine("t")
            #expect(status.contains("herdterm") && (status.contains("terminal") || status.contains("TERM")), "\(status)")
            let left = try await HerdBinary.shell("ls ~herd_t1b01/.herd/ | grep -c '^attach-' || true")
            #expect(left.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "the host's error file is removed")
            _ = try await term.tmux(["send-keys", "-t", "t", "q"])
            _ = try await term.waitFor("top-exit=0", in: "t")
        }
        await term.kill()
    }
}

/// Reads `tmux capture-pane -e` output: each character with its foreground and background as SGR colour numbers
/// ("0"–"15", "c123" for 256-colour indices, `unset` for the terminal's default). As shown, the defaults count as a
/// dark terminal's, white on black, so black text on the default background is caught as what it looks like.
enum SGRScreen {
    static let unset = "default"

    struct Cell: CustomStringConvertible {
        let char: Character
        let fg: String
        let bg: String
        var shownFg: String { fg == SGRScreen.unset ? "7" : fg }
        var shownBg: String { bg == SGRScreen.unset ? "0" : bg }
        var description: String { "'\(char)' \(fg)/\(bg)" }
    }

    static func cells(_ text: String) -> [Cell] {
        var out: [Cell] = []
        var fg = unset, bg = unset, reverse = false
        var chars = Array(text.unicodeScalars)[...]
        while let c = chars.popFirst() {
            if c == "\u{1B}", chars.first == "[" {
                chars.removeFirst()
                var params = ""
                while let p = chars.popFirst(), p != "m" { params.unicodeScalars.append(p) }
                var codes = params.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }[...]
                if codes.isEmpty { codes = [0] }
                while let code = codes.popFirst() {
                    switch code {
                    case 0: fg = unset; bg = unset; reverse = false
                    case 7: reverse = true
                    case 27: reverse = false
                    case 30...37: fg = String(code - 30)
                    case 39: fg = unset
                    case 40...47: bg = String(code - 40)
                    case 49: bg = unset
                    case 90...97: fg = String(code - 90 + 8)
                    case 100...107: bg = String(code - 100 + 8)
                    case 38, 48:
                        var value = "?"
                        if codes.first == 5 { codes.removeFirst(); let n = codes.popFirst() ?? 0; value = n < 16 ? String(n) : "c\(n)" }
                        else if codes.first == 2 { codes.removeFirst(); value = "rgb" + (0..<3).map { _ in String(codes.popFirst() ?? 0) }.joined(separator: ",") }
                        if code == 38 { fg = value } else { bg = value }
                    default: break
                    }
                }
                continue
            }
            if c == "\n" { continue }
            // Reverse video swaps what is shown (a default swapped stays readable as its shown colour).
            let f = fg == unset ? "7" : fg, b = bg == unset ? "0" : bg
            out.append(reverse ? Cell(char: Character(c), fg: b, bg: f) : Cell(char: Character(c), fg: fg, bg: bg))
        }
        return out
    }
}
