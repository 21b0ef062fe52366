import ArgumentParser
import HerdCore
import HerdStore

/// `herd stop ID`: SIGINT, then SIGTERM, then SIGKILL after a grace period each.
struct StopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stop", abstract: "Stop a job (INT, then TERM, then KILL).")

    @Argument(help: "The job id (any unique prefix).")
    var id: String

    @Option(help: "How long to wait after each signal (seconds, or 10s, 1m).", transform: DurationOption.wholeSeconds)
    var grace: Int = 5

    func run() async throws {
        let ctx = try JobContext()
        let job = try ctx.job(id)
        guard job.status.isLive else {
            CLIContext.out("\(job.shortID) already ended: \(TerminalText.line(job.statusText))\n")
            return
        }
        let host = try ctx.host(of: job)
        let audit = InterruptAudit(home: ctx.cli.home, action: "stop \(job.shortID)", hosts: [job.host])
        let stopped = try await audit.run {
            let stopped = try await ctx.manager.stop(job, on: host, grace: max(1, grace))
            audit.record(job.host, status: stopped.exitCode.map(String.init) ?? "?")
            try audit.complete()
            return stopped
        }
        CLIContext.out("\(job.shortID): \(TerminalText.line(stopped.statusText))\n")
    }
}
