import Foundation
import HerdCore
import HerdEngine
import HerdRemote

extension JobService {
    /// `jobs` as their hosts say they are now (recorded; an ended job gives its reservation back; a job whose
    /// host cannot say is `unknown` with the reason).
    public func refreshed(_ jobs: [Job]) async throws -> [Job] {
        let manager = try self.manager()
        return settle(await manager.reconcile(jobs, hosts: try RosterService(context: context).effectiveHosts().1, watcher: watcher))
    }

    /// `job` as its host says it is now (recorded; an ended job gives its reservation back).
    public func refreshed(_ job: Job, on host: Host) async throws -> Job {
        let manager = try self.manager()
        return settle(await manager.reconcile([job], hosts: [host], watcher: watcher)).first ?? job
    }

    /// Stops `job` (SIGINT, then SIGTERM, then SIGKILL, `grace` seconds apart), audited as `stop <id>` with the
    /// exit code (or `failed`); gives its reservation back. A job that already ended is returned as it is.
    public func stop(_ job: Job, grace: Int = 5) async throws -> Job {
        guard job.status.isLive else { return job }
        let host = try self.host(of: job)
        let manager = try self.manager()
        return try await AuditService(context: context).audited("stop \(job.shortID)", hosts: [job.host]) { audit in
            let stopped = try await manager.stop(job, on: host, grace: max(1, grace))
            try manager.store.release(jobID: stopped.id)
            audit?.record(job.host, status: stopped.exitCode.map(String.init) ?? "?")
            return stopped
        }
    }

    /// Copies `path` (inside the job's work dir) from the job's host to `dest`; existing local files are kept
    /// unless `force` (see `JobManager.pull`).
    public func pull(_ job: Job, path: String, to dest: String, force: Bool = false) async throws {
        if path.split(separator: "/").contains("..") { throw HerdError.invalidInput("PATH must stay inside the job's work dir: '\(path)'") }
        try await manager().pull(job, on: try host(of: job), path: path, to: dest, force: force)
    }

    /// The last `lines` lines of `job`'s output as its host has them (raw bytes: show through `TerminalText`).
    public func tail(_ job: Job, on host: Host, lines: Int = 20) async throws -> String {
        try await manager().tail(job, on: host, lines: lines)
    }
}

extension JobService {
    /// The program and arguments that attach a terminal to `job`'s tmux session on `host` (run them with the
    /// terminal: `InteractiveProcess`).
    public func attachCommand(_ job: Job, on host: Host) throws -> (String, [String]) {
        try manager().remote(host, "exec tmux attach -t =\(job.tmuxSession)", tty: true)
    }

    /// Like `attachCommand`, but tmux's own complaints (an unknown TERM on the host, a nested session) go to
    /// `errorFile` under the host's home instead of the terminal (where a redraw would wipe them); the file is
    /// removed when the attach succeeds, and `attachErrorCommand` reads it back when it fails.
    public func attachCommand(_ job: Job, on host: Host, errorFile: String) throws -> (String, [String]) {
        try manager().remote(host, AttachFailure.command(session: job.tmuxSession, errFile: errorFile), tty: true)
    }

    /// The program and arguments that print and remove an attach's `errorFile` on `host` (no terminal).
    public func attachErrorCommand(_ errorFile: String, on host: Host) throws -> (String, [String]) {
        try manager().remote(host, AttachFailure.fetch(errFile: errorFile))
    }

    /// The program and arguments that ask `host`, without a terminal, whether `job`'s tmux session is there.
    public func sessionCheckCommand(_ job: Job, on host: Host) throws -> (String, [String]) {
        try manager().remote(host, "tmux has-session -t =\(job.tmuxSession)")
    }
}

extension JobService {
    /// Reads `job`'s output from an offset (`JobLogFollower`): until what the log held when asked was read, or,
    /// with `follow`, until the job ended. Chunks of at most 256 KiB travel over the host's persistent agent session
    /// (this service's `watcher`, or a private session closed at the end), so memory stays bounded whatever the
    /// log's size; the read holds one of the host's channels (`ChannelBudget`). A log truncated or rewritten by the
    /// job is reported (`.reset`) and read again from its start. Errors name the host.
    public func readLog(
        _ job: Job, on host: Host, from start: JobLogFollower.Start = .beginning, follow: Bool,
        onEvent: @escaping @Sendable (JobLogFollower.Event) async -> Void
    ) async throws {
        guard Job.isWellFormedID(job.id) else {
            throw HerdError.invalidInput("job \(job.shortID) has a damaged record (herd rm \(job.shortID))")
        }
        try await withWatcher(job, on: host) { watcher in
            try await JobLogFollower(watcher: watcher).follow(job.id, on: host, from: start, follow: follow, onEvent: onEvent)
        }
    }

    /// The one-line error for an agent call that failed: what the host said on stderr.
    static func agentFailure(_ r: CommandResult, host: Host) -> HerdError {
        HerdError.remote("\(host.name): \(TerminalText.line(r.stderrText.trimmingCharacters(in: .whitespacesAndNewlines)))")
    }
}
