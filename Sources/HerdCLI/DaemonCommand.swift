import ArgumentParser

/// `herd daemon`: ask the running `herd serve` of this `$HERD_HOME` about itself, or to refresh, forget or stop.
struct DaemonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daemon",
        abstract: "Status and control of the running daemon (herd serve) over $HERD_HOME/herd.sock.",
        subcommands: [DaemonStatusCommand.self, DaemonRefreshCommand.self, DaemonInvalidateCommand.self, DaemonStopCommand.self]
    )
}
