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
        HostCommandLine.argv(host, AgentScript.command(mode: mode), options: options, ssh: ssh, extra: host.isLocal ? [] : extra)
    }
}
