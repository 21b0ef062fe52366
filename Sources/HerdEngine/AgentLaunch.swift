import Foundation
import HerdCore
import HerdRemote
import HerdStore

/// Guarded execution for agents (the MCP `run` tool): a command in the allow-list of `$HERD_HOME/config`, not
/// learned-bad on its host (unless forced), on a host that answers and can take the reservation asked (the same
/// ledger check as `herd run --ram/--gpu`), launched as a herd job (tmux, no sync) and written to the audit log.
/// Waits up to `wait` for the end; a failed end marks the command learned-bad on that host.
public struct AgentLaunch: Sendable {
    public let queries: ClusterQueries

    public init(queries: ClusterQueries) { self.queries = queries }

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
        let home = queries.home
        let allow = try HerdConfigFile(home: home).execAllowList()
        let why = request.mode == .exec ? allow.refusal(argv: request.argv) : allow.refusal(script: request.script)
        if let why {
            throw HerdError.invalidInput("refused: \(why) (exec_allow in \(HerdConfigFile(home: home).file.path)"
                + (allow.entries.isEmpty ? ": none set" : ": \(allow.text)") + ")")
        }
        let (_, hosts) = try queries.hosts()
        let store = try JobStore(home: home)
        // The host: named, or placed among all hosts; either way probed now.
        var placedBy: [String] = []
        let target: Host
        let state: HostState
        if let name = request.host {
            target = try TargetSelector.single(name, in: hosts)
            state = try await queries.snapshot([target]).hosts[0]
        } else {
            let snapshot = try await queries.snapshot(hosts)
            let answer = try queries.place(snapshot, query: "", needs: request.needs)
            guard let best = answer.chosen, let h = hosts.first(where: { $0.name == best.host }),
                  let s = snapshot.hosts.first(where: { $0.host.name == best.host }) else {
                let firsts = answer.candidates.prefix(3).map { "\($0.host): \($0.reasons.first ?? "no fit")" }.joined(separator: "; ")
                throw HerdError.invalidInput("refused: no host fits \(request.needs.summary)" + (firsts.isEmpty ? "" : " (\(TerminalText.line(firsts)))"))
            }
            target = h
            state = s
            placedBy = best.reasons
        }
        if let bad = try store.learnedBad(host: target.name, command: request.key), !request.force {
            throw HerdError.invalidInput("refused: this command failed on \(target.name) before (job \(bad.jobID.prefix(8)), exit "
                + "\(bad.exitCode.map(String.init) ?? "?")); pass force: true to run it again")
        }
        guard state.status.isUp else {
            throw HerdError.remote("refused: \(target.name) is \(state.status.rawValue): \(TerminalText.line(state.reasons.first ?? "no answer"))")
        }
        let job = Job(
            id: UUID().uuidString.lowercased(), host: target.name, command: request.command,
            clientCwd: FileManager.default.currentDirectoryPath, startedAt: Date(), status: .launching)
        let reservation = try reserve(job, on: target, state: state, needs: request.needs, store: store)
        let manager = JobManager(store: store, options: queries.sshOptions)
        do {
            try await manager.start(job, on: target, source: nil, label: "mcp")
        } catch {
            _ = await manager.abandon(job, on: target)
            try? AuditLog(home: home).append([(target.name, "mcp-run:\(job.shortID)", "failed")])
            throw error
        }
        try store.finishLaunch(job)
        try store.recordAgentRun(AgentRun(jobID: job.id, host: target.name, command: request.key, startedAt: job.startedAt))
        try AuditLog(home: home).append([(target.name, "mcp-run:\(job.shortID)", "started")])
        return try await follow(job, on: target, manager: manager, store: store, wait: request.wait, placedBy: placedBy, reservation: reservation)
    }

    /// Records the job (with its reservation when one is asked, checked in the ledger's transaction).
    private func reserve(_ job: Job, on host: Host, state: HostState, needs: Requirements, store: JobStore) throws -> Reservation? {
        guard needs.ram != nil || (needs.gpus ?? 0) > 0 else {
            try store.insert(job)
            return nil
        }
        guard let u = state.usage, let total = u.memTotal, let available = u.memAvailable else {
            throw HerdError.remote("refused: \(host.name) gave no memory figures to reserve against")
        }
        return try store.reserve(host: host.name, ram: needs.ram ?? 0, gpus: needs.gpus ?? 0, ttl: nil, note: "mcp job \(job.shortID)", jobID: job.id, job: job) { reservedRAM, reservedGPUs in
            let why = ReservationCheck.refusal(needs: needs, usage: u, total: total, available: available, reservedRAM: reservedRAM, reservedGPUs: reservedGPUs)
            return why.map { text in "refused: " + text }
        }
    }

    /// Polls the job once a second until it ends or `wait` runs out; an end is noted (learned-bad when failed) and
    /// audited, with the output's last 4 KiB.
    private func follow(
        _ job: Job, on host: Host, manager: JobManager, store: JobStore, wait: Duration, placedBy: [String], reservation: Reservation?
    ) async throws -> Outcome {
        var current = job
        current.status = .running
        let deadline = ContinuousClock.now + wait
        while current.status.isLive, ContinuousClock.now < deadline {
            try await Task.sleep(for: min(.seconds(1), deadline - ContinuousClock.now))
            current = await manager.reconcile([current], hosts: [host]).first ?? current
        }
        guard !current.status.isLive else {
            return Outcome(job: current, placedBy: placedBy, reservation: reservation, outputTail: nil, learnedBad: false)
        }
        let noted = try Self.note(current, store: store, home: queries.home)
        let tail = try? await manager.logWindow(current, on: host, offset: nil, limit: 4096).text
        return Outcome(job: current, placedBy: placedBy, reservation: reservation, outputTail: tail, learnedBad: noted?.failed == true)
    }

    /// Notes how an agent job ended (learned-bad when it failed) and audits the end, once; other jobs are passed over.
    @discardableResult
    public static func note(_ job: Job, store: JobStore, home: HerdHome) throws -> AgentRun? {
        guard !job.status.isLive else { return nil }
        let failed = job.status == .failed || (job.exitCode ?? 0) != 0
        guard let run = try store.noteAgentOutcome(jobID: job.id, exitCode: job.exitCode, failed: failed) else { return nil }
        try AuditLog(home: home).append([(job.host, "mcp-run:\(job.shortID)", job.exitCode.map { "exit_\($0)" } ?? job.status.rawValue)])
        return run
    }
}
