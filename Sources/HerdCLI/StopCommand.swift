import ArgumentParser
import HerdCore
import HerdStore

/// `herd stop ID`: SIGINT, then SIGTERM, then SIGKILL after a grace period each.
struct StopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stop", abstract: "Stop a job (INT, then TERM, then KILL).")

    @Argument(help: "The job id (any unique prefix).")
    var id: String

    @Option(help: "Seconds to wait after each signal.")
    var grace: Int = 5

    func run() async throws {
        let ctx = try JobContext()
        let job = try ctx.job(id)
        guard job.status.isLive else {
            CLIContext.out("\(job.shortID) already ended: \(job.statusText)\n")
            return
        }
        let stopped = try await ctx.manager.stop(job, on: try ctx.host(of: job), grace: max(1, grace))
        try AuditLog(home: ctx.cli.home).append([(job.host, "stop \(job.shortID)", stopped.exitCode.map(String.init) ?? "?")])
        CLIContext.out("\(job.shortID): \(stopped.statusText)\n")
    }
}
