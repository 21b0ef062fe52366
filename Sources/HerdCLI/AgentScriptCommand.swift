import ArgumentParser
import HerdRemote

/// `herd agent-script` (hidden): prints the agent herd runs on hosts, or the remote command line for a mode,
/// so benchmarks can give peers (pdsh, clush, parallel-ssh) exactly the same work.
struct AgentScriptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "agent-script", shouldDisplay: false)

    @Option(help: "Print the remote command line for this mode (probe or serve) instead of the script.")
    var command: String?

    func run() async throws {
        CLIContext.out((command.map { AgentScript.command(mode: $0) } ?? AgentScript.source) + "\n")
    }
}
