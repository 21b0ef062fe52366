import ArgumentParser
import HerdCore
import HerdStore

/// `herd rm ID`: deletes a job's record and its work dir on the host.
struct RmCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rm", abstract: "Remove a job: its record, tmux session and work dir.")

    @Argument(help: "The job id (any unique prefix).")
    var id: String

    @Flag(help: "Remove a running job too (its tmux session is killed).")
    var force = false

    func run() async throws {
        let ctx = try JobContext()
        var job = try ctx.job(id)
        let host = ctx.hosts.first { $0.name == job.host }
        if job.status.isLive, let host {
            job = await ctx.manager.reconcile([job], hosts: [host]).first ?? job
        }
        if job.status == .running && !force {
            throw HerdError.invalidInput("job \(job.shortID) is running on \(job.host): herd stop \(job.shortID) first, or rm --force")
        }
        let audit = InterruptAudit(home: ctx.cli.home, action: "rm \(job.shortID)", hosts: [job.host])
        try await audit.run {
            try await ctx.manager.remove(job, on: host)
            audit.record(job.host, status: "0")
            try audit.complete()
        }
        CLIContext.out("removed \(job.shortID)\n")
    }
}
