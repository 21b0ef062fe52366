import Foundation
import HerdCore
import HerdRemote
import HerdStore

/// The read-only questions the agent faces (`herd context`, `herd chat`, the MCP tools) ask of the cluster: a
/// snapshot of selected hosts, a placement answer, the context block, jobs, a log slice, reservations. A thin
/// adapter over `RefreshEngine`, `Placement`, `JobStore` and `JobManager` until the service layer takes these over.
public struct ClusterQueries: Sendable {
    public let home: HerdHome
    public let environment: [String: String]

    public init(home: HerdHome, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.home = home
        self.environment = environment
    }

    /// The hosts herd acts on: the roster, or `local` when it is empty.
    public func hosts() throws -> (Roster, [Host]) {
        let r = try RosterStore(home: home).load()
        return (r, r.effectiveHosts(localOS: LocalSystem.osName))
    }

    /// The hosts `selector` names (`all`, `a,b`, `tb[01-03]`, `@tag`); nil: every host.
    public func hosts(selector: String?) throws -> [Host] {
        let (_, hosts) = try hosts()
        guard let selector, !selector.trimmingCharacters(in: .whitespaces).isEmpty else { return hosts }
        return try TargetSelector(selector).resolve(in: hosts)
    }

    var sshOptions: SSHOptions { SSHOptions.standard(home: home, environment: environment) }

    /// Probes `hosts` once (each with its own timeout) and returns the snapshot.
    public func snapshot(_ hosts: [Host]) async throws -> Snapshot {
        try home.ensureControlDir()
        let engine = RefreshEngine(hosts: hosts, prober: OneShotProber(options: sshOptions), config: RefreshConfig())
        let sightings = SightingStore(home: home)
        await engine.seed(lastSeen: sightings.load())
        let snapshot = await engine.round(force: true)
        try? sightings.record(snapshot)
        return snapshot
    }

    /// The requirements of a free-text query, with explicit ones winning over what the text implies.
    public static func requirements(query: String, explicit: Requirements = Requirements()) -> Requirements {
        Requirements.infer(query).overridden(by: explicit)
    }

    /// Every host of `snapshot` ranked for `needs` against the reservation ledger.
    public func place(_ snapshot: Snapshot, query: String, needs: Requirements) throws -> PlacementAnswer {
        let store = try JobStore(home: home)
        return PlacementAnswer(query: query, requirements: needs, candidates: Placement.rank(snapshot.hosts, needs: needs, reserved: try store.reservedByHost()))
    }

    /// The context block's figures: a fresh snapshot of every host, reservations, live jobs (as recorded; not
    /// asked of the hosts), and the placement answer when `query` is given.
    public func context(query: String?, explicit: Requirements = Requirements(), limits: ClusterContext.Limits = .init()) async throws -> ClusterContext {
        let (_, hosts) = try hosts()
        let snapshot = try await snapshot(hosts)
        let store = try JobStore(home: home)
        var answer: PlacementAnswer?
        if let query, !query.isEmpty || explicit != Requirements() {
            answer = try place(snapshot, query: query, needs: Self.requirements(query: query, explicit: explicit))
        }
        return ClusterContext(
            snapshot: snapshot, reservations: try store.reservations(), jobs: try store.jobs(all: false), placement: answer,
            source: .live(takenAt: snapshot.takenAt), limits: limits)
    }

    /// Jobs, newest first (live ones only unless `all`), after asking their hosts how the live ones are.
    public func jobs(all: Bool) async throws -> [Job] {
        let store = try JobStore(home: home)
        let (_, hosts) = try hosts()
        try home.ensureControlDir()
        let recorded = try store.jobs(all: all)
        let updated = await JobManager(store: store, options: sshOptions).reconcile(recorded, hosts: hosts)
        // Agent runs seen ending here are noted too (learned-bad), not only those the run tool waited for.
        let wasLive = Set(recorded.filter(\.status.isLive).map(\.id))
        for j in updated where wasLive.contains(j.id) && !j.status.isLive { _ = try? AgentLaunch.note(j, store: store, home: home) }
        return all ? updated : updated.filter(\.status.isLive)
    }

    /// The one job whose id starts with `prefix`; unknown or ambiguous prefixes are errors.
    public func job(_ prefix: String) throws -> Job {
        guard !prefix.isEmpty, prefix.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
            throw HerdError.invalidInput("'\(TerminalText.line(String(prefix.prefix(40))))' is not a job id (hex digits, any unique prefix)")
        }
        let matches = try JobStore(home: home).jobs(prefix: prefix)
        if matches.isEmpty { throw HerdError.invalidInput("no job '\(prefix)'") }
        if matches.count > 1 { throw HerdError.invalidInput("job id '\(prefix)' is ambiguous: \(matches.prefix(8).map(\.shortID).joined(separator: ", "))") }
        return matches[0]
    }

    /// A slice of a job's output (see `JobManager.logWindow`).
    public func jobLog(_ prefix: String, offset: UInt64?, limit: UInt64) async throws -> (Job, JobLogWindow) {
        let job = try job(prefix)
        let (_, hosts) = try hosts()
        guard let host = hosts.first(where: { $0.name == job.host }) else {
            throw HerdError.invalidInput("job \(job.shortID) ran on '\(job.host)', which is no longer in the roster")
        }
        try home.ensureControlDir()
        let manager = JobManager(store: try JobStore(home: home), options: sshOptions)
        return (job, try await manager.logWindow(job, on: host, offset: offset, limit: limit))
    }

    /// The reservations in force.
    public func reservations() throws -> [Reservation] {
        try JobStore(home: home).reservations()
    }
}
