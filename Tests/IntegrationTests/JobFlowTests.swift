import Foundation
import HerdRemote
import HerdTestSupport
import Testing

/// p's job flow: any-key detach and the job's exit status from `herd run`, sessions that go away once jobs end,
/// `herd ps` recent/failed-first, `herd rm --done`, `herd wait`, `herd host rm` asking the host, and `host add`
/// without a name becoming the default. On the test bed, the terminal being a tmux server of the test's own.
@Suite(.timeLimit(.minutes(3))) struct JobFlowTests {
    /// The ids of the jobs in `herd ps --json` (with `args`), in listing order, with their statuses.
    static func ps(_ herd: HerdBinary, _ args: [String] = []) async throws -> [(id: String, status: String)] {
        let r = try await herd.run(["ps", "--json", "--wait", "10s"] + args)
        let rows = (try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])?["jobs"] as? [[String: Any]] ?? []
        return rows.map { ($0["id"] as? String ?? "", $0["status"] as? String ?? "") }
    }

    /// What `command` prints on bed host `name`.
    static func onHost(_ bed: TestBed, _ name: String, _ command: String) async throws -> String {
        try await HerdBinary.ssh(["-F", bed.sshConfig, name, command]).stdoutText
    }

    @Test func runEndsWithAnyKeyAndTheJobsExitCodeAndSessionsGoAway() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let term = JobAttachTests.Terminal()
        try await withTestBed(1, prefix: "h10a") { bed in
            let herd = HerdBinary(home: dir.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
            // No NAME: the target's host part names it, and the first host becomes the default.
            let add = try await herd.run(["host", "add", "h10a01"])
            #expect(add.status == 0, "\(add.stderrText)")
            #expect(add.stdoutText.contains("the default host"))
            #expect(add.stdoutText.hasPrefix("added h10a01 (h10a01)"), "\(add.stdoutText)")

            let env = "env HERD_HOME='\(herd.home)' HERD_SSH_CONFIG='\(bed.sshConfig)'"
            let run = "\(env) '\(HerdBinary.path)' run -n -- 'echo started; sleep 1; exit 3'; echo herd-exit=$?; sleep 60"
            _ = try await term.tmux(["new-session", "-d", "-s", "t", "-x", "150", "-y", "40", run])
            _ = try await term.waitFor("Press any key to detach", in: "t")
            // The status bar names the roster host and stops counting (tmux runs the bar's command each second).
            let end = try await term.waitFor("done [3] 0:00:0", in: "t")
            #expect(end.contains("@ h10a01]"), "\(end)")
            // Only the bar's right side: the window list changes with the pane's current program.
            let line = end.split(separator: "\n").first { $0.contains("done [3] 0:00:0") }.map(String.init) ?? ""
            let bar = line.range(of: "done [3] ").map { String(line[$0.lowerBound...]) } ?? line
            try await Task.sleep(for: .milliseconds(2500))
            #expect(try await term.screen("t").contains(bar), "the bar went on counting")
            // Any key, not only Enter.
            _ = try await term.tmux(["send-keys", "-t", "t", "x"])
            let after = try await term.waitFor("herd-exit=", in: "t")
            #expect(after.contains("herd-exit=3"), "\(after)")
            #expect(after.contains("failed [3] on h10a01 after 0:00:0"), "\(after)")
            // The session is gone on the host.
            #expect(!(try await Self.onHost(bed, "h10a01", "tmux ls 2>/dev/null")).contains("herd-"))

            // attach to the ended job: its log's tail and status, and its exit code.
            let jobs = try await Self.ps(herd, ["--all"])
            let id = try #require(jobs.first?.id)
            let attach = "\(env) '\(HerdBinary.path)' attach \(id.prefix(8)); echo attach-exit=$?; sleep 60"
            _ = try await term.tmux(["new-window", "-t", "t", "-n", "again", attach])
            let shown = try await term.waitFor("attach-exit=", in: "t:again")
            #expect(shown.contains("started"))
            #expect(shown.contains("failed [3] on h10a01"))
            #expect(shown.contains("attach-exit=3"), "\(shown)")

            // A detached job that ends with no one attached leaves no session either.
            let bg = try await herd.run(["run", "-d", "-n", "--", "sleep 1"])
            let short = bg.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(try await herd.run(["wait", short]).status == 0)
            let deadline = ContinuousClock.now + .seconds(10)
            var sessions = ""
            repeat {
                sessions = try await Self.onHost(bed, "h10a01", "tmux ls 2>/dev/null")
                if !sessions.contains("herd-\(short)") { break }
                try await Task.sleep(for: .milliseconds(200))
            } while ContinuousClock.now < deadline
            #expect(!sessions.contains("herd-\(short)"), "\(sessions)")
        }
        await term.kill()
    }

    @Test func waitPsOrderAndRmDone() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let src = dir.file("src")
        try FileManager.default.createDirectory(atPath: src, withIntermediateDirectories: true)
        try Data(repeating: 7, count: 300_000).write(to: URL(fileURLWithPath: src + "/blob"))
        try await withTestBed(1, prefix: "h10b") { bed in
            let herd = HerdBinary(home: dir.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
            #expect(try await herd.run(["host", "add", "h10b01", "h10b01"]).status == 0)
            func start(_ cmd: String) async throws -> String {
                let r = try await herd.run(["run", "-d", "h10b01", "--", cmd], cwd: src)
                #expect(r.status == 0, "\(r.stderrText)")
                return r.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            let ok = try await start("true")
            #expect(try await herd.run(["wait", ok]).status == 0)
            let failing = try await start("sleep 2; exit 3")
            let began = ContinuousClock.now
            let w = try await herd.run(["wait", failing, ok])
            let took = ContinuousClock.now - began
            #expect(w.status == 3, "\(w.stderrText)")
            #expect(took < .seconds(10), "wait took \(took)")
            #expect(w.stdoutText.contains("job \(failing) failed [3] on h10b01"))

            let long = try await start("sleep 30")
            // Live first, then failed before done.
            let listed = try await Self.ps(herd)
            #expect(listed.map { String($0.id.prefix(8)) } == [long, failing, ok], "\(listed)")
            #expect(listed.map(\.status) == ["running", "failed", "done"])
            let text = try await herd.run(["ps"]).stdoutText
            #expect(text.contains("0:00:0"), "\(text)")

            // rm --done: the ended jobs go (dirs and records), the running one stays; bytes freed are counted.
            let ghost = try await herd.run(["rm", "--done", "ghost"])
            #expect(ghost.status == 2 && ghost.stderrText.contains("ghost"), "\(ghost.stderrText)")
            let rm = try await herd.run(["rm", "--done", "h10b01"])
            #expect(rm.status == 0, "\(rm.stderrText)")
            #expect(rm.stdoutText.contains("removed 2 ended jobs, freed "), "\(rm.stdoutText)")
            let freed = rm.stdoutText.split(separator: " ").last.map(String.init) ?? ""
            #expect(!freed.hasPrefix("0"), "\(rm.stdoutText)")
            #expect(try await Self.ps(herd, ["--all"]).map { String($0.id.prefix(8)) } == [long])
            let left = try await Self.onHost(bed, "h10b01", "ls ~/.herd/jobs ~/.herd/workdirs")
            #expect(!left.contains(failing) && !left.contains(ok), "\(left)")
            #expect(left.contains(long))
            _ = try await herd.run(["rm", "--force", long])
            let none = try await herd.run(["rm", "--done"])
            #expect(none.status == 0 && none.stdoutText == "removed 0 ended jobs, freed 0B\n", "\(none.stdoutText)")
        }
    }

    @Test func hostRmAsksTheHostAndWaitReturnsWhenTheHostGoesAway() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try await withTestBed(1, prefix: "h10c") { bed in
            let herd = HerdBinary(home: dir.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
            #expect(try await herd.run(["host", "add", "h10c01", "h10c01"]).status == 0)
            // A record that still says running for a job that ended on the host does not block host rm.
            let quick = try await herd.run(["run", "-d", "-n", "h10c01", "--", "true"]).stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
            let deadline = ContinuousClock.now + .seconds(10)
            while ContinuousClock.now < deadline,
                !(try await Self.onHost(bed, "h10c01", "ls ~/.herd/jobs/\(quick)*/exitcode 2>/dev/null")).contains("exitcode") {
                try await Task.sleep(for: .milliseconds(200))
            }
            let allowed = try await herd.run(["host", "rm", "h10c01"])
            #expect(allowed.status == 0, "\(allowed.stderrText)")
            #expect(try await herd.run(["host", "add", "h10c01", "h10c01"]).status == 0)

            let slow = try await herd.run(["run", "-d", "-n", "h10c01", "--", "sleep 60"]).stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
            let refused = try await herd.run(["host", "rm", "h10c01"])
            #expect(refused.status == 2)
            #expect(refused.stderrText.contains(slow) && !refused.stderrText.contains(quick), "\(refused.stderrText)")

            // The host goes away: wait returns (unknown → 1), host rm refuses with the reason unless --force.
            let waiting = Task { try await herd.run(["wait", slow], timeout: .seconds(90)) }
            try await Task.sleep(for: .seconds(1))
            try await bed.kill("h10c01")
            let w = try await waiting.value
            #expect(w.status == 1, "\(w.stdoutText) \(w.stderrText)")
            #expect(w.stdoutText.contains("unknown"))
            let unsure = try await herd.run(["host", "rm", "h10c01"])
            #expect(unsure.status == 2)
            #expect(unsure.stderrText.contains("--force"), "\(unsure.stderrText)")
            let forced = try await herd.run(["host", "rm", "--force", "h10c01"])
            #expect(forced.status == 0, "\(forced.stderrText)")
        }
    }

    @Test func anInterruptedWaitLeavesNoLoopOnTheHost() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let term = JobAttachTests.Terminal()
        try await withTestBed(1, prefix: "h10d") { bed in
            let herd = HerdBinary(home: dir.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
            #expect(try await herd.run(["host", "add", "h10d01"]).status == 0)
            let job = try await herd.run(["run", "-d", "-n", "--", "sleep 60"]).stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
            let env = "env HERD_HOME='\(herd.home)' HERD_SSH_CONFIG='\(bed.sshConfig)'"
            _ = try await term.tmux(["new-session", "-d", "-s", "w", "-x", "120", "-y", "30", "\(env) '\(HerdBinary.path)' wait \(job)"])
            let loops = "ps -u $(id -u) -o args= | grep -c '[a]gent wait'"
            var deadline = ContinuousClock.now + .seconds(10)
            while ContinuousClock.now < deadline, try await Self.onHost(bed, "h10d01", loops).hasPrefix("0") {
                try await Task.sleep(for: .milliseconds(200))
            }
            #expect(try await Self.onHost(bed, "h10d01", loops).hasPrefix("1"), "the agent's wait loop runs")
            // Ctrl-C reaches herd and its ssh (the terminal's foreground group; the pane's shell dies with them).
            _ = try await term.tmux(["send-keys", "-t", "w", "C-c"])
            deadline = ContinuousClock.now + .seconds(10)
            var left = ""
            repeat {
                left = try await Self.onHost(bed, "h10d01", loops)
                if left.hasPrefix("0") { break }
                try await Task.sleep(for: .milliseconds(200))
            } while ContinuousClock.now < deadline
            #expect(left.hasPrefix("0"), "the wait loop outlived herd")
            _ = try await herd.run(["rm", "--force", job])
        }
        await term.kill()
    }
}
