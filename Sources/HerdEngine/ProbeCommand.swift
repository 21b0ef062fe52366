import HerdCore
import HerdRemote

/// The process that runs the agent for a host: ssh with herd's options, or /bin/sh for the local machine.
enum ProbeCommand {
    /// Runs the agent once in `probe` mode.
    static func oneShot(_ host: Host, options: SSHOptions, ssh: String) -> (String, [String]) {
        agent(host, mode: "probe", options: options, ssh: ssh, extra: [])
    }

    /// Runs the agent's request loop (`serve` mode) without a tty.
    static func session(_ host: Host, options: SSHOptions, ssh: String) -> (String, [String]) {
        agent(host, mode: "serve", options: options, ssh: ssh, extra: ["-T"])
    }

    private static func agent(_ host: Host, mode: String, options: SSHOptions, ssh: String, extra: [String]) -> (String, [String]) {
        if host.isLocal { return ("/bin/sh", ["-c", AgentScript.source, "herd-agent", mode]) }
        let target = host.target
        return (ssh, SSHCommand.arguments(target: target, options: options, remoteCommand: AgentScript.command(mode: mode), extra: extra))
    }
}
