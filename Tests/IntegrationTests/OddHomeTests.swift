import Foundation
import HerdRemote
import HerdStore
import HerdTestSupport
import Testing

/// A `HERD_HOME` with spaces, quotes and `%`, or one too long for ssh's ControlPath sockets, works end to end
/// against real sshd hosts: `ls`, `on`, `run -d`, `logs`, `pull`.
@Suite(.timeLimit(.minutes(3))) struct OddHomeTests {
    /// Home paths that broke ssh's ControlPath: quotes, spaces and `%`; and a 150-character path.
    static func homes(in dir: TempDir) -> [String] {
        var long = dir.path
        while long.utf8.count < 150 { long += "/nested-directory" }
        return [dir.file("it's a 100% \"home\""), String(long.prefix(150))]
    }

    @Test func oddAndLongHomesRunTheWholeJobCycle() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try await withTestBed(1, prefix: "h5h") { bed in
            let host = bed.hosts[0].name
            for (n, home) in Self.homes(in: dir).enumerated() {
                // The ssh_config lives in the odd home too, so `-F` and rsync's `-e` carry its path.
                try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
                let config = home + "/ssh config's \"100%\""
                try FileManager.default.copyItem(atPath: bed.sshConfig, toPath: config)
                let herd = HerdBinary(home: home, environment: ["HERD_SSH_CONFIG": config])
                #expect(try await herd.run(["host", "add", host, host]).status == 0)
                let ls = try await herd.run(["ls", host])
                #expect(ls.status == 0 && ls.stdoutText.contains(host), "\(home): \(ls.stdoutText) \(ls.stderrText)")
                let on = try await herd.run(["on", host, "--", "echo", "hello"])
                #expect(on.status == 0 && on.stdoutText == "\(host): hello\n", "\(home): \(on.stderrText)")
                // The sockets went to a short private directory, not under the odd home.
                let ctl = HerdHome(root: URL(fileURLWithPath: home)).controlDir.path
                #expect(ctl.hasPrefix("/tmp/herd-") && ctl.utf8.count <= ControlDirectory.maxLength)
                let attributes = try FileManager.default.attributesOfItem(atPath: ctl)
                #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)
                let src = dir.file("src\(n)")
                try FileManager.default.createDirectory(atPath: src, withIntermediateDirectories: true)
                try "in\n".write(toFile: src + "/input.txt", atomically: true, encoding: .utf8)
                let run = try await herd.run(["run", host, "-d", "--", "cat input.txt; echo out > result.txt"], cwd: src)
                #expect(run.status == 0, "\(home): \(run.stderrText)")
                let id = run.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
                _ = try await JobLifecycleTests.waitEnded(herd, id, cwd: src)
                let logs = try await herd.run(["logs", id], cwd: src)
                #expect(logs.stdoutText == "in\n", "\(home): \(logs.stderrText)")
                let pulled = dir.file("pulled\(n).txt")
                let pull = try await herd.run(["pull", id, "result.txt", pulled], cwd: src)
                #expect(pull.status == 0, "\(home): \(pull.stderrText)")
                #expect((try? String(contentsOfFile: pulled, encoding: .utf8)) == "out\n")
                _ = try await HerdBinary.ssh(["-F", bed.sshConfig, "-o", "ControlPath=\(ctl)/%C", "-O", "exit", host])
                try? FileManager.default.removeItem(atPath: ctl)
            }
        }
    }
}
