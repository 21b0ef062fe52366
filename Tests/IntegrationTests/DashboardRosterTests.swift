import Foundation
import HerdRemote
import HerdTestSupport
import Testing

extension JobAttachTests.Terminal {
    /// Waits until `done(screen)` holds for the screen of `target`; returns the screen and how long it took.
    func waitUntil(_ what: String, in target: String, limit: Duration = .seconds(15), _ done: (String) -> Bool) async throws -> (String, Duration) {
        let start = ContinuousClock.now
        var last = ""
        while ContinuousClock.now - start < limit {
            last = try await screen(target)
            if done(last) { return (last, ContinuousClock.now - start) }
            try await Task.sleep(for: .milliseconds(5))
        }
        Issue.record("\(what) never happened; screen:\n\(last)")
        return (last, ContinuousClock.now - start)
    }

    /// Waits until the screen of `target` no longer contains `text`; returns the screen and how long it took.
    func waitGone(_ text: String, in target: String, limit: Duration = .seconds(15)) async throws -> (String, Duration) {
        try await waitUntil("'\(text)' going away", in: target, limit: limit) { !$0.contains(text) }
    }

    /// The bottom line of the screen (the dashboard's status line).
    func statusLine(_ target: String) async throws -> String {
        try await screen(target).split(separator: "\n", omittingEmptySubsequences: false).last { !$0.isEmpty }.map(String.init) ?? ""
    }

    /// Types `text` into `target` one key at a time, then Enter.
    func type(_ text: String, into target: String) async throws {
        _ = try await tmux(["send-keys", "-t", target, "-l", text])
        _ = try await tmux(["send-keys", "-t", target, "Enter"])
    }
}

/// The dashboard never acts on a stale roster: hosts.json edited from another shell while it runs is reloaded,
/// and every action re-reads it when confirmed (issue 10, section 3). Real tmux, real sshd hosts.
@Suite(.timeLimit(.minutes(4))) struct DashboardRosterTests {
    /// Whether `file` exists in the home directory of test-bed host `host` (its user is herd_HOST).
    static func exists(_ file: String, for host: String) async throws -> Bool {
        try await HerdBinary.shell("test -e ~herd_\(host)/\(file) && echo yes").contains("yes")
    }

    @Test func rosterChangesFromAnotherShellAreSeenAndRecheckedAtConfirm() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let term = JobAttachTests.Terminal()
        try await withTestBed(4, prefix: "h6a") { bed in
            let herd = HerdBinary(home: dir.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
            for n in ["h6a01", "h6a02", "h6a03"] { #expect(try await herd.run(["host", "add", n, n]).status == 0) }
            let env = "env HERD_HOME='\(herd.home)' HERD_SSH_CONFIG='\(bed.sshConfig)' TERM=xterm-256color"
            let top = "\(env) '\(HerdBinary.path)' top --interval 1; echo top-exit=$?; sleep 60"
            _ = try await term.tmux(["new-session", "-d", "-s", "t", "-x", "200", "-y", "40", top])
            _ = try await term.waitFor("3 up", in: "t", limit: .seconds(20))

            // (d) A host added from another shell appears and is probed.
            #expect(try await herd.run(["host", "add", "h6a04", "h6a04"]).status == 0)
            let added = try await term.waitFor("4 up", in: "t", limit: .seconds(10))
            #expect(added.contains("─ hosts 4") && added.contains("h6a04"))

            // (a) C: the dry run covers every shared host; h6a02 is set --no-clean before the answer.
            _ = try await term.tmux(["send-keys", "-t", "t", "C"])
            let asked = try await term.waitFor("clean all shared hosts now? (y/n)", in: "t", limit: .seconds(60))
            #expect(asked.contains("h6a02") || asked.contains("on 4 hosts"), "\(asked)")
            #expect(try await herd.run(["host", "set", "h6a02", "--no-clean"]).status == 0)
            _ = try await term.tmux(["send-keys", "-t", "t", "y"])
            let cleaned = try await term.waitFor("cleaned ", in: "t", limit: .seconds(60))
            // The clean's results are shown until dismissed (issue 14).
            _ = try await term.tmux(["send-keys", "-t", "t", "Escape"])
            _ = try await term.waitGone("Esc/Enter/q close", in: "t", limit: .seconds(5))
            let status = try await term.statusLine("t")
            #expect(status.contains("skipped h6a02 (clean: false)"), "\(status)")
            let audit = try String(contentsOfFile: dir.file("home/audit.log"), encoding: .utf8)
            let cleanedHosts = audit.split(separator: "\n").filter { $0.contains(" clean ") }.map { String($0.split(separator: " ")[1]) }
            #expect(cleanedHosts.sorted() == ["h6a01", "h6a03", "h6a04"], "\(audit)\n\(cleaned)")
            // c on the selected h6a02 row, now clean: false: nothing runs.
            _ = try await term.tmux(["send-keys", "-t", "t", "j"])
            _ = try await term.tmux(["send-keys", "-t", "t", "c"])
            _ = try await term.waitFor("clean: nothing to do; skipped h6a02 (clean: false)", in: "t", limit: .seconds(5))
            _ = try await term.tmux(["send-keys", "-t", "t", "k"])

            // (b) A host set --dedicated while the command is typed: o does not run on it.
            _ = try await term.tmux(["send-keys", "-t", "t", "o"])
            _ = try await term.tmux(["send-keys", "-t", "t", "-l", "touch h6-ran-b"])
            #expect(try await herd.run(["host", "set", "h6a03", "--dedicated"]).status == 0)
            _ = try await term.waitFor("h6a03 [ded]", in: "t", limit: .seconds(5))
            _ = try await term.tmux(["send-keys", "-t", "t", "Enter"])
            _ = try await term.waitFor("3 hosts: 3 ok", in: "t", limit: .seconds(30))
            _ = try await term.tmux(["send-keys", "-t", "t", "Escape"])
            _ = try await term.waitGone("Esc/Enter/q close", in: "t", limit: .seconds(5))
            #expect(try await Self.exists("h6-ran-b", for: "h6a01"))
            #expect(try await Self.exists("h6-ran-b", for: "h6a02"))
            #expect(try await Self.exists("h6-ran-b", for: "h6a04"))
            #expect(try await !Self.exists("h6-ran-b", for: "h6a03"), "a host set dedicated from another shell was run on")

            // (c) A host removed from another shell leaves the table within a couple of ticks and is not run on.
            #expect(try await !HerdBinary.shell("pgrep -u herd_h6a04 -f 'herd-agent serve'").isEmpty, "h6a04 is being probed")
            let removedAt = ContinuousClock.now
            #expect(try await herd.run(["host", "rm", "h6a04"]).status == 0)
            let (gone, _) = try await term.waitUntil("h6a04's row going away", in: "t", limit: .seconds(5)) { screen in
                !screen.split(separator: "\n").contains { $0.dropFirst(2).hasPrefix("h6a04 ") }
            }
            let reloadTook = ContinuousClock.now - removedAt
            print("host rm to row gone:", reloadTook)
            #expect(reloadTook < .seconds(2), "reloaded within a couple of 250 ms checks (plus herd host rm itself)")
            #expect(gone.contains("─ hosts 3"))
            // Its probe session closes: no agent loop of herd's is left on the host.
            let agentGone = ContinuousClock.now + .seconds(10)
            var agents = try await HerdBinary.shell("pgrep -u herd_h6a04 -f 'herd-agent serve'")
            while !agents.isEmpty, ContinuousClock.now < agentGone {
                try await Task.sleep(for: .milliseconds(100))
                agents = try await HerdBinary.shell("pgrep -u herd_h6a04 -f 'herd-agent serve'")
            }
            #expect(agents.isEmpty, "the removed host's agent session is still open: \(agents)")
            _ = try await term.tmux(["send-keys", "-t", "t", "o"])
            try await term.type("touch h6-ran-c", into: "t")
            _ = try await term.waitFor("2 hosts: 2 ok", in: "t", limit: .seconds(30))
            _ = try await term.tmux(["send-keys", "-t", "t", "Escape"])
            _ = try await term.waitGone("Esc/Enter/q close", in: "t", limit: .seconds(5))
            #expect(try await Self.exists("h6-ran-c", for: "h6a01"))
            #expect(try await !Self.exists("h6-ran-c", for: "h6a04"), "a host removed from the roster was run on")

            // A corrupt hosts.json keeps the last good roster, with a warning, until it reads again.
            let file = dir.file("home/hosts.json")
            let good = try Data(contentsOf: URL(fileURLWithPath: file))
            try Data("{ \"hosts\": [".utf8).write(to: URL(fileURLWithPath: file))
            let warned = try await term.waitFor("using the last good roster", in: "t", limit: .seconds(5))
            #expect(warned.contains("─ hosts 3") && warned.contains("h6a01"))
            _ = try await term.tmux(["send-keys", "-t", "t", "C"])
            _ = try await term.waitFor("clean: nothing done, hosts.json cannot be read", in: "t", limit: .seconds(5))
            #expect(try await term.statusLine("t").contains(" ! hosts.json: line 1, "), "the file by its short name")
            try good.write(to: URL(fileURLWithPath: file))
            _ = try await term.waitGone("using the last good roster", in: "t", limit: .seconds(5))

            _ = try await term.tmux(["send-keys", "-t", "t", "q"])
            _ = try await term.waitFor("top-exit=0", in: "t")
        }
        await term.kill()
    }
}
