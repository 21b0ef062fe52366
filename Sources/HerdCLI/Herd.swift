import ArgumentParser
import HerdCore
import HerdTerminal

/// `herd`: the root command. With no subcommand it opens the dashboard on a terminal, else prints `herd ls`.
public struct Herd: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "herd",
        abstract: "Run work on a handful to a few hundred SSH-reachable machines.",
        discussion: """
            State lives in $HERD_HOME (default ~/.herd). Set HERD_SSH_CONFIG to use an ssh_config other than \
            your own. Exit codes: 0 ok, 1 a remote failure, 2 bad input.
            """,
        version: "herd \(HerdVersion.current)",
        subcommands: [
            TopCommand.self,
            HostCommand.self,
            LsCommand.self,
            OnCommand.self,
            CpCommand.self,
            RcpCommand.self,
            CleanCommand.self,
            InitCommand.self,
            RunCommand.self,
            PsCommand.self,
            AttachCommand.self,
            LogsCommand.self,
            StopCommand.self,
            WaitCommand.self,
            PullCommand.self,
            RmCommand.self,
            PlaceCommand.self,
            ReserveCommand.self,
            ReservationsCommand.self,
            ReleaseCommand.self,
            StatusCommand.self,
            RefreshCommand.self,
            FactsCommand.self,
            SnapshotCommand.self,
            EngineBenchCommand.self,
            ProcessBenchCommand.self,
            AgentScriptCommand.self,
            RenderBenchCommand.self,
            VersionCommand.self,
            ContextCommand.self,
            McpCommand.self,
            ChatCommand.self,
            ServeCommand.self,
            DaemonCommand.self,
        ]
    )

    public init() {}

    public mutating func run() async throws {
        if Terminal.isInteractive {
            try await TopCommand.parse([]).run()
            return
        }
        // Parsed, not built by hand: an argument-parser command made with init() has no option values.
        try await LsCommand.parse(["--fast"]).run()
    }
}
