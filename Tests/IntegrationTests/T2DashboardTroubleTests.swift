import Foundation
import HerdRemote
import HerdTestSupport
import Testing

/// Trouble at a glance in a real terminal: a test-bed host with four fake GPUs (three busy, one with its memory
/// nearly full) and a fake 97%-full disk shows its figures in the theme's high colour (checked in tmux's escapes),
/// per-GPU cells, a killed host says "down … refused", and Enter opens the host's detail view (Esc returns).
@Suite(.timeLimit(.minutes(3))) struct T2DashboardTroubleTests {
    /// The default theme's `bar.high` (#bf616a) as an xterm-256 colour.
    static let high = "38;5;131"

    @Test func severityColoursDownReasonAndDetailView() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path)
        let term = JobAttachTests.Terminal()
        try await withTestBed(2, prefix: "t2a") { bed in
            let gpus = [(97, 81000), (3, 1024), (60, 20480), (88, 40960)].enumerated()
                .map { "\($0.offset), NVIDIA A100-SXM4-80GB, \($0.element.0), \($0.element.1), 81920" }.joined(separator: "\n")
            let shell = try H8GPUPlacementBedTests.fakeGPU(gpus, in: dir.file("busy"))
            let df = "#!/bin/sh\necho 'Filesystem 1024-blocks Used Available Capacity Mounted on'\necho '/dev/sda1 104857600 101711872 3145728 97% /'\n"
            try df.write(toFile: dir.file("busy/bin/df"), atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.file("busy/bin/df"))
            try await bed.shell("t2a01", shell)
            let herd = HerdBinary(home: dir.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
            for h in bed.hosts { #expect(try await herd.run(["host", "add", h.name, h.name]).status == 0) }
            // swift test sets NO_COLOR=1, which would (rightly) turn colour off.
            let env = "env -u NO_COLOR HERD_HOME='\(herd.home)' HERD_SSH_CONFIG='\(bed.sshConfig)' TERM=xterm-256color"
            let top = "\(env) '\(HerdBinary.path)' top --interval 1; echo top-exit=$?; sleep 60"
            _ = try await term.tmux(["new-session", "-d", "-s", "t", "-x", "160", "-y", "40", top])
            let table = try await term.waitFor("3/4 busy", in: "t", limit: .seconds(30))
            let busyRow = try #require(table.split(separator: "\n").first { $0.contains("t2a01") }, "\(table)")
            #expect(busyRow.hasPrefix("● t2a01") && busyRow.contains("█▁▅▇ 3/4 busy") && busyRow.contains("97G/100G"), "\(busyRow)")

            // The disk figure, the GPU memory figure and the marker are drawn in the high colour.
            let styled = try await term.tmux(["capture-pane", "-p", "-e", "-t", "t"]).stdoutText
            let row = try #require(styled.split(separator: "\n").first { $0.contains("t2a01") })
            #expect(Self.sgr(before: "97G/100G", in: String(row))?.contains(Self.high) == true, "\(row.debugDescription)")
            #expect(Self.sgr(before: "●", in: String(row))?.contains(Self.high) == true, "\(row.debugDescription)")
            #expect(Self.sgr(before: "140G/320G", in: String(row))?.contains(Self.high) == true, "\(row.debugDescription)")

            try await bed.kill("t2a02")
            let down = try await term.waitFor("refused", in: "t", limit: .seconds(20))
            #expect(down.split(separator: "\n").contains { $0.hasPrefix("✖ t2a02") && $0.contains("down") && $0.contains("refused") }, "\(down)")

            _ = try await term.tmux(["send-keys", "-t", "t", "Enter"])
            let detail = try await term.waitFor("GPU 3 NVIDIA", in: "t", limit: .seconds(5))
            #expect(detail.contains("host t2a01 (t2a01)") && detail.contains("GPUs 4") && detail.contains("load per core"), "\(detail)")
            #expect(detail.contains("97G/100G 97%"), "\(detail)")
            _ = try await term.tmux(["send-keys", "-t", "t", "Escape"])
            let back = try await term.waitFor("─ hosts 2", in: "t", limit: .seconds(5))
            #expect(!back.contains("GPUs 4"))
            // `!` pins the troubled host (down) above the busy one.
            _ = try await term.tmux(["send-keys", "-t", "t", "!"])
            let pinned = try await term.waitFor("trouble first", in: "t", limit: .seconds(5))
            let rows = pinned.split(separator: "\n").filter { $0.contains("t2a0") && !$0.contains("─") }
            #expect(rows.first?.hasPrefix("✖ t2a02") == true, "\(pinned)")
            _ = try await term.tmux(["send-keys", "-t", "t", "q"])
            _ = try await term.waitFor("top-exit=0", in: "t")

            // --pin-trouble starts pinned; a bad pin_trouble in the config is refused, naming the file.
            let pinTop = "\(env) '\(HerdBinary.path)' top --interval 1 --pin-trouble; echo pin-exit=$?; sleep 60"
            _ = try await term.tmux(["new-window", "-t", "t", "-n", "pin", pinTop])
            _ = try await term.waitFor("trouble first", in: "t:pin", limit: .seconds(10))
            _ = try await term.tmux(["send-keys", "-t", "t:pin", "q"])
            _ = try await term.waitFor("pin-exit=0", in: "t:pin")
            try "pin_trouble = maybe\n".write(toFile: "\(herd.home)/config", atomically: true, encoding: .utf8)
            let badTop = "\(env) '\(HerdBinary.path)' top; echo bad-exit=$?; sleep 60"
            _ = try await term.tmux(["new-window", "-t", "t", "-n", "bad", badTop])
            let bad = try await term.waitFor("bad-exit=", in: "t:bad", limit: .seconds(10))
            #expect(bad.contains("config: pin_trouble must be true or false, not 'maybe'") && bad.contains("bad-exit=2"), "\(bad)")
        }
        await term.kill()
    }

    /// The SGR escape sequences (`ESC [ … m`) directly before the first `text` in `line`, run together.
    static func sgr(before text: String, in line: String) -> String? {
        guard let r = line.range(of: text) else { return nil }
        var head = line[..<r.lowerBound]
        var found = ""
        while head.hasSuffix("m"), let esc = head.range(of: "\u{1B}[", options: .backwards) {
            let seq = head[esc.lowerBound...]
            guard seq.dropFirst(2).dropLast().allSatisfy({ $0.isNumber || $0 == ";" }) else { break }
            found = String(seq) + found
            head = head[..<esc.lowerBound]
        }
        return found.isEmpty ? nil : found
    }
}
