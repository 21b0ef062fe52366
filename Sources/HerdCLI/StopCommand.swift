import ArgumentParser
import HerdCore
import HerdService

/// `herd stop ID`: SIGINT, then SIGTERM, then SIGKILL after a grace period each.
struct StopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stop", abstract: "Stop a job (INT, then TERM, then KILL).")

    @Argument(help: "The job id (any unique prefix).")
    var id: String

    @Option(help: "How long to wait after each signal (seconds, or 10s, 1m).", transform: DurationOption.wholeSeconds)
    var grace: Int = 5

    func run() async throws {
        let service = JobService(context: CLIContext().services)
        let job = try service.job(id)
        guard job.status.isLive else {
            CLIContext.out("\(job.shortID) already ended: \(TerminalText.line(job.statusText))\n")
            return
        }
        let stopped = try await InterruptAudit.run { try await service.stop(job, grace: grace) }
        CLIContext.out("\(job.shortID): \(TerminalText.line(stopped.statusText))\n")
    }
}
