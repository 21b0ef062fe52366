import Foundation
import HerdCore
import HerdRemote
import HerdTestSupport
import Testing

/// A job's command never runs through tmux's status line, and herd's state is private on both ends: the host's
/// `~/.herd` and job directories are 0700, the local `herd.db` and `hosts.json` 0600.
@Suite(.timeLimit(.minutes(2))) struct JobSafetyTests {
    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func attachedStatusLineShowsHashParenAndStateIsPrivate() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let term = JobAttachTests.Terminal()
        let pwned = "/tmp/h3p-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: pwned) }
        try await withTestBed(1, prefix: "h3j") { bed in
            let herd = HerdBinary(home: dir.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
            #expect(try await herd.run(["host", "add", "h3j01", "h3j01"]).status == 0)
            let env = "env HERD_HOME='\(herd.home)' HERD_SSH_CONFIG='\(bed.sshConfig)'"
            // Within the 40 bytes the status line shows; tmux would run #(…) every second (status-interval 1).
            let job = ": '#(touch \(pwned))'; echo started; sleep 5"
            let run = "\(env) '\(HerdBinary.path)' run -n h3j01 -- \(ShellQuote.quote(job)); echo herd-exit=$?; sleep 60"
            _ = try await term.tmux(["new-session", "-d", "-s", "t", "-x", "150", "-y", "40", run])
            let screen = try await term.waitFor("[herd ", in: "t")
            _ = try await term.waitFor("started", in: "t")
            #expect(screen.contains("#(touch \(pwned))"), "the status line shows the command as text: \(screen)")
            // Attached for three status refreshes and more: the file must never appear.
            let until = ContinuousClock.now + .seconds(3)
            while ContinuousClock.now < until {
                #expect(!FileManager.default.fileExists(atPath: pwned), "tmux ran the job's #(…)")
                try await Task.sleep(for: .milliseconds(250))
            }
            #expect(!FileManager.default.fileExists(atPath: pwned), "tmux ran the job's #(…)")
            // The control: the job's tmux, still attached, runs an unescaped #(…) put into its status line.
            let control = "\(pwned)-control"
            defer { try? FileManager.default.removeItem(atPath: control) }
            let set = "tmux set-option -t \"$(tmux ls -F '#{session_name}' | head -n 1)\" status-left '#(touch \(control))'"
            _ = try await HerdBinary.ssh(["-F", bed.sshConfig, "h3j01", set])
            let seen = ContinuousClock.now + .seconds(5)
            while !FileManager.default.fileExists(atPath: control), ContinuousClock.now < seen { try await Task.sleep(for: .milliseconds(100)) }
            #expect(FileManager.default.fileExists(atPath: control), "tmux never ran the control's #(…): the check above proves nothing")
            _ = try await term.waitFor("--- Job done [exit 0]", in: "t")
            _ = try await term.tmux(["send-keys", "-t", "t", "Enter"])
            _ = try await term.waitFor("herd-exit=0", in: "t")
            await term.kill()

            // The host's herd state is the user's alone.
            let home = "/home/herd_h3j01/.herd"
            let jobs = try FileManager.default.contentsOfDirectory(atPath: "\(home)/jobs")
            #expect(!jobs.isEmpty)
            for path in [home, "\(home)/jobs", "\(home)/workdirs"] + jobs.map({ "\(home)/jobs/\($0)" }) {
                let mode = try Self.mode(path)
                #expect(mode == 0o700, "\(path) is \(String(mode, radix: 8))")
            }
            // And so is the local one.
            for file in ["herd.db", "herd.db-wal", "herd.db-shm", "hosts.json", "audit.log"] where FileManager.default.fileExists(atPath: dir.file("home/\(file)")) {
                let mode = try Self.mode(dir.file("home/\(file)"))
                #expect(mode == 0o600, "\(file) is \(String(mode, radix: 8))")
            }
            #expect(FileManager.default.fileExists(atPath: dir.file("home/herd.db")))
        }
    }

    @Test func aGroupOrWorldWritableHerdHomeGetsAOneLineWarning() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let herd = HerdBinary(home: dir.file("home"))
        #expect(try await herd.run(["host", "add", "w01", "user@w01"]).status == 0)
        // A database an older herd left world-readable is tightened when opened.
        _ = FileManager.default.createFile(atPath: dir.file("home/herd.db"), contents: nil, attributes: [.posixPermissions: 0o644])
        #expect(try await herd.run(["ps"]).status == 0)
        for file in ["herd.db", "herd.db-wal", "herd.db-shm", "hosts.json"] where FileManager.default.fileExists(atPath: dir.file("home/\(file)")) {
            let mode = try Self.mode(dir.file("home/\(file)"))
            #expect(mode == 0o600, "\(file) is \(String(mode, radix: 8))")
        }
        #expect(try await herd.run(["ls", "--fast"]).stderrText.isEmpty)
        for (mode, who) in [(0o770, "group"), (0o777, "world")] {
            chmod(dir.file("home"), mode_t(mode))
            let r = try await herd.run(["ls", "--fast"])
            #expect(r.status == 0, "a warning, not an error")
            let lines = r.stderrText.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].contains("\(who)-writable") && lines[0].contains(dir.file("home")), "\(r.stderrText)")
        }
    }
}
