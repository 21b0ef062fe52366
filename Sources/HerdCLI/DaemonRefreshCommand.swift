import ArgumentParser
import Foundation
import HerdDaemonClient

/// `herd daemon refresh`: asks the running daemon for a probe round now.
struct DaemonRefreshCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refresh", abstract: "Ask the running daemon to probe every host now (exit 1 if none runs).")

    func run() async throws {
        // A round is bounded by the hosts' probe timeouts: give it time, the connect bound stays short.
        try await DaemonControl.post("/v1/refresh", done: "refreshed", timeout: .seconds(60))
    }
}

/// What the daemon control commands share: one POST, its outcome in one line, exit 1 when no daemon answers.
enum DaemonControl {
    /// POSTs to `path` on this home's daemon and prints `done`; a failure prints one line and exits 1.
    static func post(_ path: String, done: String, timeout: Duration = .seconds(5)) async throws {
        let client = DaemonClient(home: CLIContext().home, timeout: timeout)
        do throws(DaemonError) {
            try await client.post(path)
        } catch {
            CLIContext.warn(error.isAbsent ? "no daemon running" : error.description)
            throw ExitCode(1)
        }
        CLIContext.out(done + "\n")
    }
}
