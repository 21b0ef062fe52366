import Foundation
import HerdCore
import HerdEngine
import HerdRemote

extension JobService {
    /// `jobs` as their hosts say they are now (recorded; an ended job gives its reservation back; a job whose
    /// host cannot say is `unknown` with the reason).
    public func refreshed(_ jobs: [Job]) async throws -> [Job] {
        let manager = try self.manager()
        return await manager.reconcile(jobs, hosts: try RosterService(context: context).effectiveHosts().1)
    }

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
    /// `job`'s whole output as its host has it now (raw bytes: show through `TerminalText`), asked within
    /// `timeout`. The host's own words when it cannot say.
    public func log(_ job: Job, on host: Host, timeout: Duration = .seconds(60)) async throws -> Data {
        guard Job.isWellFormedID(job.id) else { return Data() }
        let r = try await manager().agent(host, "log", [job.id], timeout: timeout)
        guard r.status == 0 else { throw Self.agentFailure(r, host: host) }
        return r.stdout
    }

    /// Follows `job`'s output until it ends, handing each chunk to `onOutput`; returns the follow's exit status.
    /// The agent is installed or updated first; the follow's stdin stays open and unwritten, so when this process
    /// goes away (Ctrl-C, killed) the host sees EOF and ends the loop. It holds one of the host's channels
    /// (`ChannelBudget`) while it runs.
    public func follow(_ job: Job, on host: Host, onOutput: @escaping @Sendable (OutputKind, Data) -> Void) async throws -> Int32 {
        let manager = try self.manager()
        let check = try await manager.agent(host, "status", [job.id])
        guard check.status == 0 else { throw Self.agentFailure(check, host: host) }
        let line = "exec /bin/sh \"$HOME/.herd/bin/agent\" follow \(ShellQuote.quote(job.id))"
        let (exe, args) = manager.remote(host, RemoteCommand.wrapped([line], timeoutSeconds: 0, stopOnEOF: true))
        let runner = self.runner
        let r = try await ChannelBudget.shared.withChannel(host.ssh) {
            try await runner.stream(
                exe, args, input: nil, timeout: nil, newProcessGroup: host.isLocal, options: StreamOptions(captureLimit: 0, holdStdin: true),
                onOutput: onOutput)
        }
        return r.status
    }

    /// The one-line error for an agent call that failed: what the host said on stderr.
    static func agentFailure(_ r: CommandResult, host: Host) -> HerdError {
        HerdError.remote("\(host.name): \(TerminalText.line(r.stderrText.trimmingCharacters(in: .whitespacesAndNewlines)))")
    }
}
