import ArgumentParser
import HerdCore
import HerdEngine
import HerdStore

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
        let ctx = try JobContext()
        if done { return try await removeEnded(ctx) }
        var job = try ctx.job(id ?? "")
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

    /// `--done [HOST]`: the ended jobs, per host in one agent call each, and the bytes freed.
    private func removeEnded(_ ctx: JobContext) async throws {
        var jobs = try ctx.store.jobs(all: true).filter { id == nil || $0.host == id }
        if let id, !ctx.hosts.contains(where: { $0.name == id }), jobs.isEmpty {
            throw HerdError.invalidInput("no host '\(id)' in the roster or in the job records")
        }
        jobs = await ctx.manager.reconcile(jobs, hosts: ctx.hosts)
        let ended = Dictionary(grouping: jobs.filter { !$0.status.isLive }, by: \.host)
        var count = 0
        var bytes: UInt64 = 0
        var failures: [String] = []
        let audit = InterruptAudit(home: ctx.cli.home, action: "rm --done", hosts: ended.keys.sorted())
        try await audit.run {
            for name in ended.keys.sorted() {
                let list = ended[name] ?? []
                guard let host = ctx.hosts.first(where: { $0.name == name }) else {
                    // The host left the roster: only the records go (what stays there is named).
                    for j in list { try ctx.manager.store.delete(j.id); try ctx.manager.store.release(jobID: j.id) }
                    count += list.count
                    CLIContext.warn("host '\(name)' is no longer in the roster: removed \(list.count) record(s); "
                        + "their ~/.herd/jobs and ~/.herd/workdirs dirs stay on it")
                    audit.record(name, status: "record-only")
                    continue
                }
                do {
                    let r = try await ctx.manager.removeEnded(list, on: host)
                    count += r.removed.count
                    bytes = Saturating.add(bytes, r.bytes)
                    audit.record(name, status: "0")
                } catch {
                    failures.append(TerminalText.line((error as? HerdError)?.description ?? "\(error)"))
                    audit.record(name, status: "1")
                }
            }
            try audit.complete()
        }
        CLIContext.out("removed \(count) ended job\(count == 1 ? "" : "s"), freed \(UsageFormat.bytes(bytes))\n")
        for f in failures { CLIContext.warn(f) }
        if !failures.isEmpty { throw ExitCode(1) }
    }
}
