import ArgumentParser
import Foundation
import HerdCore
import HerdStore
import HerdTUI
import HerdTerminal

/// `herd top`: the dashboard (and `herd` with no subcommand on a terminal).
struct TopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "top", abstract: "The live dashboard (on a terminal; otherwise herd ls).")

    @Option(help: "Time between refresh rounds (seconds, or 2s, 1m).", transform: DurationOption.seconds)
    var interval: Double = 2

    @Option(help: "Theme name (themes/NAME.theme, or $HERD_HOME/themes/NAME.theme); default from $HERD_HOME/config.")
    var theme: String?

    @Flag(help: "Pin troubled hosts (down, partial, overloaded) at the top of the table (key !); default from pin_trouble in $HERD_HOME/config.")
    var pinTrouble = false

    func validate() throws {
        guard interval >= 0.2, interval <= 3600 else { throw ValidationError("--interval must be between 0.2 and 3600 seconds") }
    }

    func run() async throws {
        guard Terminal.isInteractive else {
            return try await LsCommand.parse([]).run()
        }
        // A terminal that cannot address the cursor (TERM=dumb, unknown TERM) is refused before anything is drawn.
        if let problem = Terminal.dashboardProblem(term: ProcessInfo.processInfo.environment["TERM"]) {
            throw HerdError.invalidInput(problem)
        }
        let context = CLIContext()
        let watch = try RosterWatch(store: context.roster)
        let chosen = try ThemeLoader.load(name: theme, home: context.home)
        let pin = try pinTrouble || DashboardConfig.pinTrouble(home: context.home)
        try await Self.dashboard(context: context, watch: watch, theme: chosen, interval: .milliseconds(Int(interval * 1000)), pinTrouble: pin)
    }

    @MainActor
    private static func dashboard(context: CLIContext, watch: RosterWatch, theme: Theme, interval: Duration, pinTrouble: Bool) async throws {
        let app = try DashboardApp(context: context, watch: watch, interval: interval, pinTrouble: pinTrouble)
        let screen = try CursesScreen(theme: theme)
        await app.run(screen: screen)
    }
}
