import ArgumentParser
import Foundation
import HerdCore
import HerdDaemonClient

/// `herd daemon stop`: asks the running daemon to shut down and waits until its socket stops answering.
struct DaemonStopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop", abstract: "Stop the running daemon and wait for it to go (no daemon: says so, exit 0).")

    @Option(help: "How long to wait for the daemon to go (seconds, or 10s, 1m).", transform: DurationOption.seconds)
    var wait: Double = 10

    func validate() throws {
        guard wait > 0, wait <= 3600 else { throw ValidationError("--wait must be between 0 and 3600 seconds") }
    }

    func run() async throws {
        let client = DaemonClient(home: CLIContext().home)
        do throws(DaemonError) {
            try await client.post("/v1/shutdown")
        } catch {
            if error.isAbsent { return CLIContext.warn("no daemon running") }
            CLIContext.warn(error.description)
            throw ExitCode(1)
        }
        let deadline = ContinuousClock.now + .milliseconds(Int(wait * 1000))
        while ContinuousClock.now < deadline {
            if await Self.gone(client) { return CLIContext.out("stopped\n") }
            try await Task.sleep(for: .milliseconds(50))
        }
        CLIContext.warn("the daemon did not stop within \(UsageFormat.age(wait)) (it still answers on \(client.transport.socketPath))")
        throw ExitCode(1)
    }

    /// Whether nothing answers on the socket any more (file gone, or nothing accepts on it).
    static func gone(_ client: DaemonClient) async -> Bool {
        do throws(DaemonError) {
            _ = try await client.health()
            return false
        } catch {
            return error.isAbsent
        }
    }
}
