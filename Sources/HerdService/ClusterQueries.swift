import Foundation
import HerdCore
import HerdEngine
import HerdStore

/// The read-only questions the agent faces (`herd context`, `herd chat`, the MCP tools) ask of the cluster, as
/// calls of the services: a snapshot of selected hosts, a placement answer, the context block, jobs, a slice of
/// a job's log, reservations.
///
/// With a `cache` (a front end wires it to the daemon's: `--cached`), snapshots are read from it first; when it
/// cannot answer they are probed live and the source says why.
public struct ClusterQueries: Sendable {
    public let context: ServiceContext
    /// Reads a cached snapshot of the hosts given; throws (with a one-line reason) when it cannot.
    public typealias Cache = @Sendable ([Host]) async throws -> Snapshot
    public let cache: Cache?

    public init(context: ServiceContext, cache: Cache? = nil) {
        self.context = context
        self.cache = cache
    }

    /// The hosts `selector` names (`all`, `a,b`, `tb[01-03]`, `@tag`); nil or blank: every host.
    public func hosts(selector: String?) throws -> [Host] {
        let s = selector?.trimmingCharacters(in: .whitespaces)
        return try RosterService(context: context).hosts(selector: s?.isEmpty == true ? nil : s)
    }

    /// A snapshot of `hosts`: from the cache when there is one and it answers, else probed once.
    public func snapshot(_ hosts: [Host]) async throws -> Snapshot {
        try await sourcedSnapshot(hosts).0
    }

    /// A snapshot of `hosts` and where it came from: the cache, a live probe, or a live probe after the cache failed.
    public func sourcedSnapshot(_ hosts: [Host]) async throws -> (Snapshot, ContextSource) {
        guard let cache else {
            let s = try await SnapshotService(context: context).probe(hosts)
            return (s, .live(takenAt: s.takenAt))
        }
        do {
            let s = try await cache(hosts)
            return (s, .daemonCache(takenAt: s.takenAt))
        } catch let cancelled as CancellationError {
            throw cancelled
        } catch {
            let s = try await SnapshotService(context: context).probe(hosts)
            return (s, .liveFallback(takenAt: s.takenAt, reason: TerminalText.line("\(error)")))
        }
    }

    /// The requirements of a free-text query, with explicit ones winning over what the text implies.
    public static func requirements(query: String, explicit: Requirements = Requirements()) -> Requirements {
        Requirements.infer(query).overridden(by: explicit)
    }

    /// Every host of `snapshot` ranked for `needs` against the reservation ledger.
    public func place(_ snapshot: Snapshot, query: String, needs: Requirements) throws -> PlacementAnswer {
        let r = try PlacementService(context: context).rank(needs, in: snapshot)
        return PlacementAnswer(query: query, requirements: needs, candidates: r.candidates)
    }

    /// The context block's figures: a fresh snapshot of every host, reservations, live jobs (as recorded; not
    /// asked of the hosts), and the placement answer when `query` is given.
    public func context(query: String?, explicit: Requirements = Requirements(), limits: ClusterContext.Limits = .init()) async throws -> ClusterContext {
        let (snapshot, source) = try await sourcedSnapshot(try hosts(selector: nil))
        var answer: PlacementAnswer?
        if let query, !query.isEmpty || explicit != Requirements() {
            answer = try place(snapshot, query: query, needs: Self.requirements(query: query, explicit: explicit))
        }
        return ClusterContext(
            snapshot: snapshot, reservations: try ReservationService(context: context).list(), jobs: try JobService(context: context).list(all: false),
            placement: answer, source: source, limits: limits)
    }

    /// Jobs, newest first (live ones only unless `all`), after one reconciliation (hosts that do not answer within
    /// 10 s keep their jobs' last state). Agent runs seen ending are noted (learned-bad) and audited.
    public func jobs(all: Bool) async throws -> [Job] {
        let store = try context.jobStore()
        let wasLive = Set(try store.jobs(all: false).map(\.id))
        let jobs = try await JobService(context: context).reconcile(within: .seconds(10)).jobs
        for j in jobs where wasLive.contains(j.id) && !j.status.isLive { _ = try? AgentLaunch.note(j, context: context) }
        return all ? jobs : jobs.filter(\.status.isLive)
    }

    /// A slice of the output of the job whose id starts with `prefix` (see `JobService.logWindow`).
    public func jobLog(_ prefix: String, offset: UInt64?, limit: UInt64) async throws -> (Job, JobLogWindow) {
        let service = JobService(context: context)
        let job = try service.job(prefix)
        let host = try service.host(of: job)
        return (job, try await service.logWindow(job, on: host, offset: offset, limit: Int(clamping: limit)))
    }

    /// The reservations in force.
    public func reservations() throws -> [Reservation] {
        try ReservationService(context: context).list()
    }
}
