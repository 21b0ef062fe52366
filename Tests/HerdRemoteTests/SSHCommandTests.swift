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
