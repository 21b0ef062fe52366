import ArgumentParser

/// `herd host`: manage the roster.
struct HostCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "host",
        abstract: "Add, remove and change hosts in the roster.",
        subcommands: [
            HostAddCommand.self, HostRmCommand.self, HostDescCommand.self, HostSetCommand.self,
            HostDefaultCommand.self, HostImportCommand.self,
        ]
    )
}
