import Foundation
import HerdCore
import HerdService
import HerdRemote
import HerdStore

/// What every command needs from its surroundings: the services' context (state directory, roster store),
/// output helpers.
struct CLIContext {
    let services: ServiceContext
    var home: HerdHome { services.home }
    var roster: RosterStore { services.roster }

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        services = ServiceContext(home: HerdHome.fromEnvironment(environment), environment: environment)
    }

    /// The hosts commands act on: the roster, or `local` when it is empty.
    func effectiveHosts() throws -> (Roster, [Host]) {
        try RosterService(context: services).effectiveHosts()
    }

    /// ssh options for this state directory (`$HERD_HOME/ctl` sockets, `$HERD_SSH_CONFIG`).
    var sshOptions: SSHOptions { services.sshOptions }

    /// Writes `text` to stdout as is.
    static func out(_ text: String) {
        StandardStream.out(text)
    }

    /// Writes `herd: message` on one line to stderr. Text a message quotes from a host or a file (stderr, a
    /// reason) cannot reach the terminal as an escape or a control: `TerminalText.lines`.
    static func warn(_ message: String) {
        StandardStream.err("herd: \(TerminalText.lines(message))\n")
    }
}
