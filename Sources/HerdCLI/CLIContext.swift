import Foundation
import HerdCore
import HerdEngine
import HerdRemote
import HerdStore

/// What every command needs from its surroundings: the state directory, the roster store, output helpers.
struct CLIContext {
    let home: HerdHome
    let roster: RosterStore

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        home = HerdHome.fromEnvironment(environment)
        roster = RosterStore(home: home)
    }

    /// The hosts commands act on: the roster, or `local` when it is empty.
    func effectiveHosts() throws -> (Roster, [Host]) {
        let r = try roster.load()
        return (r, r.effectiveHosts(localOS: LocalSystem.osName))
    }

    /// ssh options for this state directory (`$HERD_HOME/ctl` sockets, `$HERD_SSH_CONFIG`).
    var sshOptions: SSHOptions {
        SSHOptions.standard(home: home, environment: ProcessInfo.processInfo.environment)
    }

    /// Probes `hosts` once with one-shot ssh calls over ControlMaster sockets and returns the snapshot.
    func probeOnce(_ hosts: [Host], config: RefreshConfig) async throws -> Snapshot {
        try home.ensureControlDir()
        let engine = RefreshEngine(hosts: hosts, prober: OneShotProber(options: sshOptions), config: config)
        let sightings = SightingStore(home: home)
        await engine.seed(lastSeen: sightings.load())
        let snapshot = await engine.round(force: true)
        // Only a cache for AGE: failing to write it must not fail the command.
        try? sightings.record(snapshot)
        return snapshot
    }

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
