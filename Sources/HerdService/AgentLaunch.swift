import Foundation
import HerdCore
import HerdEngine
import HerdRemote
import HerdStore

/// Guarded execution for agents (the MCP `run` tool): a command in the allow-list of `$HERD_HOME/config`, not
/// learned-bad on its host (unless forced), then `herd run`'s own steps through `JobService` (host named or
/// placed, reservation checked in the ledger, recorded, launched in tmux without sync), audited as
/// `mcp-run:<id>` for the context's client. Waits up to `wait` for the end; a failed end marks the command
/// learned-bad on that host.
public struct AgentLaunch: Sendable {
    public let context: ServiceContext

    public init(context: ServiceContext) { self.context = context }

    /// What an agent asks to run.
    public struct Request: Sendable {
        public enum Mode: String, Sendable { case exec, script }
        public var mode: Mode
        public var argv: [String]
        public var script: String
        public var host: String?
        public var needs: Requirements
        public var force: Bool
        public var wait: Duration

        public init(mode: Mode, argv: [String] = [], script: String = "", host: String?, needs: Requirements, force: Bool, wait: Duration) {
            self.mode = mode
            self.argv = argv
            self.script = script
            self.host = host
            self.needs = needs
            self.force = force
            self.wait = wait
        }

        /// The words of the job: argv as given, or the script under `/bin/sh -c`.
        public var command: [String] { mode == .exec ? argv : ["/bin/sh", "-c", script] }

        /// The command as the learned-bad ledger keys it: `exec: uptime -s` or `script: <text>`.
        public var key: String {
            mode == .exec ? "exec: " + RemoteCommand.shellText(argv) : "script: " + script.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// How a run went: the job (ended or still running when the wait ran out), why its host, its output's tail.
    public struct Outcome: Sendable {
        public var job: Job
        public var placedBy: [String]
        public var reservation: Reservation?
        public var outputTail: String?
        public var learnedBad: Bool
    }

    /// Checks, launches and (up to `request.wait`) follows the run; a refusal is a `HerdError.invalidInput` with one
    /// line saying why.
    public func run(_ request: Request) async throws -> Outcome {
        let config = HerdConfigFile(home: context.home)
        let allow = try config.execAllowList()
        let why = request.mode == .exec ? allow.refusal(argv: request.argv) : allow.refusal(script: request.script)
        if let why {
            throw HerdError.invalidInput("refused: \(why) (exec_allow in \(config.file.path)" + (allow.entries.isEmpty ? ": none set" : ": \(allow.text)") + ")")
        }
        let jobs = JobService(context: context)
        let run = RunRequest(
            command: request.command, host: request.host, place: request.host == nil, needs: request.needs, force: false,
            cwd: FileManager.default.currentDirectoryPath, sync: false)
        let (host, score) = try await jobs.chooseHost(run)
        let store = try context.jobStore()
        if let bad = try store.learnedBad(host: host.name, command: request.key), !request.force {
            throw HerdError.invalidInput("refused: this command failed on \(host.name) before (job \(bad.jobID.prefix(8)), exit "
                + "\(bad.exitCode.map { String($0) } ?? "?")); pass force: true to run it again")
        }
        let job = try await jobs.record(run, on: host)
        let audit = AuditService(context: context)
        switch await jobs.start(job, on: host, sync: false) {
        case .started:
            break
        case .interrupted(let problems):
            try audit.begin("mcp-run:\(job.shortID)", hosts: [host.name]).complete()
            throw HerdError.remote((["job \(job.shortID) was not started on \(host.name)"] + problems).joined(separator: "; "))
        case .failed(let error, let problems):
            let a = audit.begin("mcp-run:\(job.shortID)", hosts: [host.name])
            a.record(host.name, status: "failed")
            try? a.complete()
            if problems.isEmpty { throw error }
            throw HerdError.remote(([(error as? HerdError)?.description ?? "\(error)"] + problems).joined(separator: "; "))
        }
        try store.recordAgentRun(AgentRun(jobID: job.id, host: host.name, command: request.key, startedAt: job.startedAt))
        let a = audit.begin("mcp-run:\(job.shortID)", hosts: [host.name])
        a.record(host.name, status: "started")
        try a.complete()
        let reservation = try store.reservations().first { $0.jobID == job.id }
        let placedBy = score.map { ["placed by fit \($0)/100 for \(request.needs.summary)"] } ?? []
        return try await follow(job, on: host, wait: request.wait, placedBy: placedBy, reservation: reservation)
    }

    /// Polls the job once a second until it ends or `wait` runs out; an end is noted (learned-bad when failed) and
    /// audited, with the output's last 4 KiB.
    private func follow(_ job: Job, on host: Host, wait: Duration, placedBy: [String], reservation: Reservation?) async throws -> Outcome {
        let jobs = JobService(context: context)
        var current = job
        current.status = .running
        let deadline = ContinuousClock.now + wait
        while current.status.isLive, ContinuousClock.now < deadline {
            try await Task.sleep(for: min(.seconds(1), deadline - ContinuousClock.now))
            current = try await jobs.refreshed(current, on: host)
        }
        guard !current.status.isLive else {
            return Outcome(job: current, placedBy: placedBy, reservation: reservation, outputTail: nil, learnedBad: false)
        }
        let noted = try Self.note(current, context: context)
        let tail = try? await jobs.logWindow(current, on: host, offset: nil, limit: 4096).text
        return Outcome(job: current, placedBy: placedBy, reservation: reservation, outputTail: tail, learnedBad: noted?.failed == true)
    }

    /// Notes how an agent job ended (learned-bad when it failed) and audits the end, once; other jobs are passed over.
    @discardableResult
    public static func note(_ job: Job, context: ServiceContext) throws -> AgentRun? {
        guard !job.status.isLive else { return nil }
        let failed = job.status == .failed || (job.exitCode ?? 0) != 0
        guard let run = try context.jobStore().noteAgentOutcome(jobID: job.id, exitCode: job.exitCode, failed: failed) else { return nil }
        let a = AuditService(context: context).begin("mcp-run:\(job.shortID)", hosts: [job.host])
        a.record(job.host, status: job.exitCode.map { "exit_\($0)" } ?? job.status.rawValue)
        try a.complete()
        return run
    }
}
