import Foundation
import HerdCore
import HerdEngine

extension JobService {
    /// `job` as its host says it is now (recorded; an ended job gives its reservation back).
    public func refreshed(_ job: Job, on host: Host) async throws -> Job {
        let manager = try self.manager()
        return await manager.reconcile([job], hosts: [host]).first ?? job
    }

    /// Stops `job` (SIGINT, then SIGTERM, then SIGKILL, `grace` seconds apart), audited as `stop <id>` with the
    /// exit code (or `failed`); gives its reservation back. A job that already ended is returned as it is.
    public func stop(_ job: Job, grace: Int = 5) async throws -> Job {
        guard job.status.isLive else { return job }
        let host = try self.host(of: job)
        let manager = try self.manager()
        return try await AuditService(context: context).audited("stop \(job.shortID)", hosts: [job.host]) { audit in
            let stopped = try await manager.stop(job, on: host, grace: max(1, grace))
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

    /// The program and arguments that ask `host`, without a terminal, whether `job`'s tmux session is there.
    public func sessionCheckCommand(_ job: Job, on host: Host) throws -> (String, [String]) {
        try manager().remote(host, "tmux has-session -t =\(job.tmuxSession)")
    }
}

extension JobService {
    /// `job`'s whole output as its host has it now (raw bytes: show through `TerminalText`); asked within 10 s.
    public func log(_ job: Job, on host: Host) async throws -> String {
        guard Job.isWellFormedID(job.id) else { return "" }
        let r = try await manager().agent(host, "log", [job.id], timeout: .seconds(10))
        guard r.status == 0 else { throw HerdError.remote("\(host.name): could not read the log of job \(job.shortID) (exit \(r.status))") }
        return r.stdoutText
    }
}
