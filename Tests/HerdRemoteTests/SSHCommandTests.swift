import Foundation
import HerdCore
import HerdRemote
import Testing

@Suite struct SSHCommandTests {
    @Test func multiplexedBatchCallWithPort() throws {
        let options = SSHOptions(configFile: "/cfg", controlDir: "/h/ctl", connectTimeout: 3, controlPersist: "10m", serverAliveInterval: 5)
        let args = SSHCommand.arguments(target: try SSHTarget(parsing: "u@h:2222"), options: options, remoteCommand: "uptime", extra: ["-T"])
        #expect(args == [
            "-F", "/cfg", "-o", "BatchMode=yes", "-o", "ConnectTimeout=3", "-o", "ServerAliveInterval=5", "-o", "ServerAliveCountMax=3",
            "-o", "ControlMaster=auto", "-o", "ControlPath=/h/ctl/%C", "-o", "ControlPersist=10m", "-p", "2222", "-T", "u@h", "uptime",
        ])
        #expect(!args.contains { $0.contains("StrictHostKeyChecking") })
    }

    @Test func noCommandMeansNoRemoteShell() {
        let args = SSHCommand.arguments(target: SSHTarget(host: "alias"), options: SSHOptions(), remoteCommand: nil)
        #expect(args.suffix(2) == ["-N", "alias"])
        #expect(!args.contains("-F") && !args.contains { $0.hasPrefix("ControlPath") })
    }

    @Test(arguments: [
        (255, "ssh: connect to host 127.0.0.1 port 2201: Connection refused\n", SSHFailure.Kind.unreachable),
        (255, "ssh: connect to host 10.0.0.9 port 22: Connection timed out", .unreachable),
        (255, "Connection closed by 127.0.0.1 port 2201", .unreachable),
        (255, "u@h: Permission denied (publickey).", .error),
        (255, "Host key verification failed.", .error),
        (255, "ssh: Could not resolve hostname nope: Name or service not known", .error),
        (127, "sh: 1: df: not found", .error),
    ])
    func classifiesFailures(_ status: Int32, _ stderr: String, _ kind: SSHFailure.Kind) {
        let (k, reason) = SSHFailure.classify(status: status, stderr: stderr)
        #expect(k == kind)
        #expect(!reason.isEmpty && !reason.contains("\n"))
    }
}

/// rsync's `-e` string, split by the real rsync: every word arrives intact, quotes and spaces included.
@Suite(.timeLimit(.minutes(1))) struct RsyncShellTests {
    @Test func rsyncSplitsTheShellBackIntoTheSameWords() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("h5-rsync-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A fake ssh that records its arguments, one per line, and fails so rsync stops.
        let fake = dir + "/fake ssh's \"x\""
        try "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > \"$(dirname \"$0\")/argv\"\nexit 1\n"
            .write(toFile: fake, atomically: true, encoding: .utf8)
        chmod(fake, 0o755)
        let options = SSHOptions(configFile: dir + "/it's a 100% \"config\"", controlDir: "/tmp/herd-0-0123456789abcdef")
        let target = SSHTarget(user: "u", host: "h", port: 2222)
        let shell = SSHCommand.rsyncShell(ssh: fake, target: target, options: options)
        _ = try await ProcessRunner().run("/usr/bin/rsync", ["-e", shell, "h:/x", dir + "/out"], input: nil, timeout: .seconds(20))
        let argv = try String(contentsOfFile: dir + "/argv", encoding: .utf8).split(separator: "\n").map(String.init)
        let expected = SSHCommand.optionArguments(target: target, options: options)
        #expect(Array(argv.prefix(expected.count)) == expected)
    }
}
