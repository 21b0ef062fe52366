import ArgumentParser
import HerdCore
import HerdStore

/// `herd rm ID`: deletes a job's record and its work dir on the host.
struct RmCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm", abstract: "Remove a job: its record, tmux session and work dir.",
        discussion: """
            When the job's host is no longer in the roster, herd cannot reach it: the record is removed, and herd \
            says what stays on that host (the tmux session, ~/.herd/jobs/ID and ~/.herd/workdirs/ID) and exits 0. \
            A running job is refused (exit 2) unless --force; a host that cannot be reached fails (exit 1) and \
            keeps the record.
            """)

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
        if job.status == .launching && !force {
            throw HerdError.invalidInput("job \(job.shortID) is being launched on \(job.host) (or its herd run died): rm --force removes it")
        }
        let audit = InterruptAudit(home: ctx.cli.home, action: "rm \(job.shortID)", hosts: [job.host])
        try await audit.run {
            try await ctx.manager.remove(job, on: host)
            if host == nil {
                CLIContext.warn("host '\(job.host)' is no longer in the roster: left on it "
                    + "tmux session \(job.tmuxSession), ~/.herd/jobs/\(job.id) and ~/.herd/workdirs/\(job.id)")
                audit.record(job.host, status: "record-only")
            } else {
                audit.record(job.host, status: "0")
            }
            try audit.complete()
        }
        CLIContext.out("removed \(job.shortID)\n")
    }
}
