import HerdCore
import HerdRemote

/// Probes with one process per call: `ssh host agent probe` through the host's ControlMaster socket
/// (so a warm call costs ~10 ms), or `/bin/sh` for the local machine.
public struct OneShotProber: HostProber {
    public let runner: any CommandRunner
    public let options: SSHOptions
    public let ssh: String

    public init(runner: any CommandRunner = ProcessRunner(), options: SSHOptions, ssh: String = Executable.find("ssh") ?? "/usr/bin/ssh") {
        self.runner = runner
        self.options = options
        self.ssh = ssh
    }

    public func probe(_ host: Host, timeout: Duration) async -> ProbeOutcome {
        let (exe, args) = ProbeCommand.oneShot(host, options: options, ssh: ssh)
        let runner = self.runner
        do {
            let r = try await ChannelBudget.shared.withChannel(host.ssh) {
                try await runner.run(exe, args, input: nil, timeout: timeout)
            }
            if r.timedOut { return .unreachable("no answer within \(timeout.formattedSeconds)") }
            if r.status == 0 { return .answered(r.stdoutText, latency: r.duration) }
            if host.isLocal { return .failed("probe exited \(r.status)") }
            return .sshFailure(status: r.status, stderr: r.stderrText)
        } catch {
            return .failed("\(error)")
        }
    }

    public func shutdown() async {}
}
