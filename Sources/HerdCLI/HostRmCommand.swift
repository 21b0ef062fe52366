import ArgumentParser
import HerdCore

/// `herd host rm NAME`: removes a host from the roster.
struct HostRmCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rm", abstract: "Remove a host.")

    @Argument(help: "The host to remove.")
    var name: String

    func run() async throws {
        try CLIContext().roster.update { try $0.remove(name) }
        CLIContext.out("removed \(name)\n")
    }
}
