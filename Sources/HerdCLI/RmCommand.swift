import ArgumentParser
import HerdCore
import HerdService

/// `herd rm ID`: deletes a job's record and its work dir on the host; `herd rm --done [HOST]`: every ended job.
struct RmCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm", abstract: "Remove a job: its record, tmux session and work dir.",
        discussion: """
            When the job's host is no longer in the roster, herd cannot reach it: the record is removed, and herd \
            says what stays on that host (the tmux session, ~/.herd/jobs/ID and ~/.herd/workdirs/ID) and exits 0. \
            A running job is refused (exit 2) unless --force; a host that cannot be reached fails (exit 1) and \
            keeps the record.
            --done [HOST] removes every job that ended (done, failed, stopped; checked with the hosts first), on \
            HOST or everywhere, and says how many bytes that freed on the hosts.
            """)

    @Argument(help: "The job id (any unique prefix); with --done, a host (default: every host).")
    var id: String?

    @Flag(help: "Remove every ended job (work dir, job dir, record).")
    var done = false

    @Flag(help: "Remove a running job too (its tmux session is killed).")
    var force = false

    func validate() throws {
        if !done && id == nil { throw ValidationError("give a job id, or --done") }
        if done && force { throw ValidationError("--done removes ended jobs only; --force does not apply") }
    }

    func run() async throws {
        let service = JobService(context: CLIContext().services)
        if done { return try await removeEnded(service) }
        let job = try service.job(id ?? "")
        let (removed, hostMissing) = try await InterruptAudit.run { try await service.remove(job, force: force) }
        if hostMissing {
            CLIContext.warn("host '\(removed.host)' is no longer in the roster: left on it "
                + "tmux session \(removed.tmuxSession), ~/.herd/jobs/\(removed.id) and ~/.herd/workdirs/\(removed.id)")
        }
        CLIContext.out("removed \(removed.shortID)\n")
    }

    /// `--done [HOST]`: the ended jobs, per host in one agent call each, and the bytes freed.
    private func removeEnded(_ service: JobService) async throws {
        let r = try await InterruptAudit.run { try await service.removeEnded(on: id) }
        for (name, count) in r.recordsOnly {
            CLIContext.warn("host '\(name)' is no longer in the roster: removed \(count) record(s); "
                + "their ~/.herd/jobs and ~/.herd/workdirs dirs stay on it")
        }
        CLIContext.out("removed \(r.count) ended job\(r.count == 1 ? "" : "s"), freed \(UsageFormat.bytes(r.bytes))\n")
        for f in r.failures { CLIContext.warn(f) }
        if !r.failures.isEmpty { throw ExitCode(1) }
    }
}
