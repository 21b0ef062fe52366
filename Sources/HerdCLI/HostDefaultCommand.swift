import ArgumentParser
import HerdCore

/// `herd host default NAME`: sets the host `herd run` uses when none is named.
struct HostDefaultCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "default", abstract: "Set the default host of 'herd run'.")

    @Argument(help: "The host.")
    var name: String

    func run() async throws {
        try CLIContext().roster.update { try $0.setDefault(name) }
        CLIContext.out("default host: \(name)\n")
    }
}
