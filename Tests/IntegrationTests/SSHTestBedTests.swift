import Foundation
import HerdCore
import HerdRemote
import HerdTestSupport
import Testing

/// herd's ssh argv and process runner against real sshd hosts started by the test bed.
@Suite(.timeLimit(.minutes(3))) struct SSHTestBedTests {
    static let ssh = Executable.find("ssh") ?? "/usr/bin/ssh"

    /// Runs `command` on alias `name` the way herd calls ssh (ControlMaster under `ctl`).
    static func run(
        _ bed: TestBed, _ name: String, _ command: String, ctl: String, timeout: Duration = .seconds(20), extra: [String] = []
    ) async throws -> CommandResult {
        let options = SSHOptions(configFile: bed.sshConfig, controlDir: ctl, connectTimeout: 3, controlPersist: "60")
        let args = SSHCommand.arguments(target: SSHTarget(host: name), options: options, remoteCommand: command, extra: extra)
        return try await ProcessRunner().run(ssh, args, input: nil, timeout: timeout)
    }

    /// A private ControlPath directory (mode 0700) for one test.
    static func controlDir() throws -> TempDir {
        let dir = try TempDir("herd-ctl")
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: dir.path)
        return dir
    }

    @Test func generatedConfigReachesEveryHostAsItsOwnUser() async throws {
        let ctl = try Self.controlDir()
        defer { ctl.remove() }
        try await withTestBed(3, prefix: "ia") { bed in
            #expect(bed.hosts.map(\.name) == ["ia01", "ia02", "ia03"])
            for host in bed.hosts {
                let t = try await Self.run(bed, host.name, "true", ctl: ctl.path)
                #expect(t.status == 0, "\(host.name): \(t.stderrText)")
                let who = try await Self.run(bed, host.name, "whoami", ctl: ctl.path)
                #expect(who.stdoutText == "\(host.user)\n")
            }
            // `ssh -F <generated config> ia01 true`, exactly as a user would type it.
            let plain = try await ProcessRunner().run(Self.ssh, ["-F", bed.sshConfig, "ia01", "true"], input: nil, timeout: .seconds(20))
            #expect(plain.status == 0, "\(plain.stderrText)")
        }
    }

    @Test func controlMasterIsReusedAcrossCalls() async throws {
        let ctl = try Self.controlDir()
        defer { ctl.remove() }
        try await withTestBed(1, prefix: "ib") { bed in
            #expect(try await Self.run(bed, "ib01", "true", ctl: ctl.path).status == 0)
            let sockets = try FileManager.default.contentsOfDirectory(atPath: ctl.path)
            #expect(sockets.count == 1)
            let check = try await ProcessRunner().run(
                Self.ssh, ["-F", bed.sshConfig, "-o", "ControlPath=\(ctl.path)/%C", "-O", "check", "ib01"], input: nil, timeout: .seconds(10))
            #expect(check.status == 0, "\(check.stderrText)")
            let second = try await Self.run(bed, "ib01", "echo again", ctl: ctl.path)
            #expect(second.stdoutText == "again\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: ctl.path) == sockets)
            _ = try await ProcessRunner().run(
                Self.ssh, ["-F", bed.sshConfig, "-o", "ControlPath=\(ctl.path)/%C", "-O", "exit", "ib01"], input: nil, timeout: .seconds(10))
        }
    }

    @Test func hostKeysAreChecked() async throws {
        let ctl = try Self.controlDir()
        defer { ctl.remove() }
        try await withTestBed(1, prefix: "ic") { bed in
            let empty = ctl.file("empty_known_hosts")
            #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
            let r = try await Self.run(bed, "ic01", "true", ctl: ctl.path, extra: ["-o", "UserKnownHostsFile=\(empty)"])
            #expect(r.status == 255)
            #expect(r.stderrText.contains("Host key verification failed"))
        }
    }

    @Test func killedHostIsRefusedThenRevives() async throws {
        let ctl = try Self.controlDir()
        defer { ctl.remove() }
        try await withTestBed(2, prefix: "id") { bed in
            #expect(try await Self.run(bed, "id01", "true", ctl: ctl.path).status == 0)
            try await bed.kill("id01")
            let down = try await Self.run(bed, "id01", "true", ctl: ctl.path)
            #expect(down.status == 255)
            #expect(down.stderrText.contains("Connection refused"), "\(down.stderrText)")
            #expect(down.duration < .seconds(3))
            #expect(try await Self.run(bed, "id02", "true", ctl: ctl.path).status == 0)
            try await bed.revive("id01")
            let back = try await Self.run(bed, "id01", "true", ctl: ctl.path)
            #expect(back.status == 0, "\(back.stderrText)")
        }
    }

    @Test func frozenHostTimesOutWithoutStallingTheCaller() async throws {
        let ctl = try Self.controlDir()
        defer { ctl.remove() }
        try await withTestBed(2, prefix: "ie") { bed in
            try await bed.freeze("ie01")
            async let frozen = Self.run(bed, "ie01", "true", ctl: ctl.path, timeout: .seconds(2))
            async let alive = Self.run(bed, "ie02", "true", ctl: ctl.path)
            let (f, a) = try await (frozen, alive)
            #expect(a.status == 0)
            #expect(f.status != 0)
            #expect(f.duration < .seconds(5))
            try await bed.revive("ie01")
            let back = try await Self.run(bed, "ie01", "true", ctl: ctl.path)
            #expect(back.status == 0, "\(back.stderrText)")
        }
    }

    @Test func stopRemovesTheBedsUsers() async throws {
        let bed = try await TestBed.start(2, prefix: "ig")
        let before = try String(contentsOfFile: "/etc/passwd", encoding: .utf8)
        #expect(before.contains("herd_ig01:") && before.contains("herd_ig02:"))
        await bed.stop()
        let after = try String(contentsOfFile: "/etc/passwd", encoding: .utf8)
        #expect(!after.contains("herd_ig01:"))
        #expect(!after.contains("herd_ig02:"))
        #expect(!FileManager.default.fileExists(atPath: "/home/herd_ig01"))
    }
}
