import Foundation
import HerdRemote
import HerdTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C during a mutating action (clean, init, stop; the dashboard's clean): herd exits 130, writes an `interrupted`
/// audit line for the host still working, and leashed remote work stops (the leash notices the dropped connection).
@Suite(.serialized, .timeLimit(.minutes(3))) struct InterruptTests {
    /// `herd clean` (the host's find is slow) and `herd init` (the host's uname is slow): each is mid-way on the host
    /// when SIGINT comes.
    @Test(arguments: [("clean", "find", "h3i"), ("init", "uname", "h3n")])
    func sigintStopsTheRemoteWorkAndAuditsInterrupted(_ action: String, _ slowTool: String, _ prefix: String) async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        // The slow tool sleeps a marked time first, then does its work.
        let marker = Int.random(in: 1000...9999)
        try FileManager.default.createDirectory(atPath: dir.file("bin"), withIntermediateDirectories: true)
        let real = try #require(Executable.find(slowTool))
        try "#!/bin/sh\nsleep \(marker)\nexec \(real) \"$@\"\n".write(toFile: dir.file("bin/\(slowTool)"), atomically: true, encoding: .utf8)
        try "#!/bin/sh\nPATH=\(dir.file("bin")):$PATH\nexport PATH\nexec /bin/sh \"$@\"\n".write(toFile: dir.file("login"), atomically: true, encoding: .utf8)
        _ = try await HerdBinary.shell("chmod 755 \(dir.path) \(dir.file("bin")) \(dir.file("bin/\(slowTool)")) \(dir.file("login"))")

        try await withTestBed(1, prefix: prefix) { bed in
            let name = "\(prefix)01"
            try await bed.shell(name, dir.file("login"))
            let herd = HerdBinary(home: dir.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
            // --no-probe: add's own `uname -s` would start the slow tool (and its marked sleep) before the action does.
            #expect(try await herd.run(["host", "add", name, name, "--no-probe"]).status == 0)
            let remote = "ps -u herd_\(name) -o args= | grep -e 'sleep \(marker)' -e herd-\(action) | grep -v grep || true"

            var env = ProcessInfo.processInfo.environment
            env["HERD_HOME"] = herd.home
            env["HERD_SSH_CONFIG"] = bed.sshConfig
            let child = try ChildProcess.spawn(HerdBinary.path, [action, name], environment: env, pipeStdin: false)
            defer { child.signal(SIGKILL); _ = child.reapIfExited(); child.closeOutputs() }
            // Wait until the remote clean is in its slow find.
            var deadline = ContinuousClock.now + .seconds(20)
            while try await HerdBinary.shell(remote).isEmpty, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
            #expect(try await !HerdBinary.shell(remote).isEmpty, "the remote \(action) never started")

            let start = ContinuousClock.now
            child.signal(SIGINT)
            var status: Int32?
            deadline = start + .seconds(5)
            while status == nil, ContinuousClock.now < deadline {
                status = child.reapIfExited()
                if status == nil { try await Task.sleep(for: .milliseconds(20)) }
            }
            #expect(status == 130, "herd's exit status after SIGINT")
            // The remote work stops within the leash's beat (1 s) plus ssh's teardown: bound 5 s, measured ~1-2 s.
            var left = try await HerdBinary.shell(remote)
            deadline = start + .seconds(5)
            while !left.isEmpty, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
                left = try await HerdBinary.shell(remote)
            }
            #expect(left.isEmpty, "the remote \(action) kept running after SIGINT: \(left)")
            print("interrupt: herd \(action) exited \(status.map(String.init) ?? "?"), remote work gone \(ContinuousClock.now - start) after SIGINT")
            let audit = try String(contentsOfFile: dir.file("home/audit.log"), encoding: .utf8)
            #expect(audit.hasSuffix(" \(name) \(action) interrupted\n"), "\(audit)")
        }
    }

    /// The dashboard handles Ctrl-C as a key: quitting while a confirmed clean runs writes `interrupted` for it, and
    /// the remote clean stops the same way.
    @Test func quittingTheDashboardMidCleanAuditsInterrupted() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        // Only the deleting find is slow: the dry run the dashboard shows first answers at once.
        let marker = Int.random(in: 1000...9999)
        try FileManager.default.createDirectory(atPath: dir.file("bin"), withIntermediateDirectories: true)
        try "#!/bin/sh\ncase \"$*\" in *-delete*) sleep \(marker) ;; esac\nexec /usr/bin/find \"$@\"\n".write(toFile: dir.file("bin/find"), atomically: true, encoding: .utf8)
        try "#!/bin/sh\nPATH=\(dir.file("bin")):$PATH\nexport PATH\nexec /bin/sh \"$@\"\n".write(toFile: dir.file("login"), atomically: true, encoding: .utf8)
        _ = try await HerdBinary.shell("chmod 755 \(dir.path) \(dir.file("bin")) \(dir.file("bin/find")) \(dir.file("login"))")
        let term = JobAttachTests.Terminal()
        try await withTestBed(1, prefix: "h3k") { bed in
            try await bed.shell("h3k01", dir.file("login"))
            let herd = HerdBinary(home: dir.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
            #expect(try await herd.run(["host", "add", "h3k01", "h3k01"]).status == 0)
            let remote = "ps -u herd_h3k01 -o args= | grep -e 'sleep \(marker)' -e herd-clean | grep -v grep || true"
            let env = "env HERD_HOME='\(herd.home)' HERD_SSH_CONFIG='\(bed.sshConfig)' TERM=xterm-256color"
            _ = try await term.tmux(["new-session", "-d", "-s", "t", "-x", "140", "-y", "36", "\(env) '\(HerdBinary.path)' top --interval 1; echo top-exit=$?; sleep 60"])
            _ = try await term.waitFor("1 up", in: "t")
            _ = try await term.tmux(["send-keys", "-t", "t", "c"])
            _ = try await term.waitFor("(y/n)", in: "t", limit: .seconds(20))
            _ = try await term.tmux(["send-keys", "-t", "t", "y"])
            var deadline = ContinuousClock.now + .seconds(20)
            while try await HerdBinary.shell(remote).isEmpty, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
            #expect(try await !HerdBinary.shell(remote).isEmpty, "the remote clean never reached its deleting find")

            let start = ContinuousClock.now
            _ = try await term.tmux(["send-keys", "-t", "t", "q"])
            _ = try await term.waitFor("top-exit=0", in: "t")
            var left = try await HerdBinary.shell(remote)
            deadline = start + .seconds(5)
            while !left.isEmpty, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
                left = try await HerdBinary.shell(remote)
            }
            #expect(left.isEmpty, "the remote clean kept running after the dashboard quit: \(left)")
            let audit = try String(contentsOfFile: dir.file("home/audit.log"), encoding: .utf8)
            #expect(audit.hasSuffix(" h3k01 clean interrupted\n"), "\(audit)")
        }
        await term.kill()
    }

    /// `herd stop` waits out the grace periods of a job that ignores INT and TERM: SIGINT meanwhile is audited.
    @Test func sigintDuringStopIsAudited() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try await withTestBed(1, prefix: "h3s") { bed in
            let herd = HerdBinary(home: dir.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
            #expect(try await herd.run(["host", "add", "h3s01", "h3s01"]).status == 0)
            let run = try await herd.run(["run", "h3s01", "-d", "-n", "--", "trap '' INT TERM; echo stubborn; sleep 60"])
            #expect(run.status == 0, "\(run.stderrText)")
            let id = run.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
            var env = ProcessInfo.processInfo.environment
            env["HERD_HOME"] = herd.home
            env["HERD_SSH_CONFIG"] = bed.sshConfig
            let child = try ChildProcess.spawn(HerdBinary.path, ["stop", id, "--grace", "10"], environment: env, pipeStdin: false)
            defer { child.signal(SIGKILL); _ = child.reapIfExited(); child.closeOutputs() }
            // The stop is under way once the job got its INT (it stays: the trap ignores it).
            let deadline = ContinuousClock.now + .seconds(10)
            while try await HerdBinary.shell("ps -u herd_h3s01 -o args= | grep 'agent stop' | grep -v grep || true").isEmpty, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
            }
            child.signal(SIGINT)
            var status: Int32?
            let bound = ContinuousClock.now + .seconds(5)
            while status == nil, ContinuousClock.now < bound {
                status = child.reapIfExited()
                if status == nil { try await Task.sleep(for: .milliseconds(20)) }
            }
            #expect(status == 130)
            let audit = try String(contentsOfFile: dir.file("home/audit.log"), encoding: .utf8)
            #expect(audit.hasSuffix(" h3s01 stop_\(id) interrupted\n"), "\(audit)")
            _ = try await herd.run(["rm", "--force", id])
        }
    }
}
