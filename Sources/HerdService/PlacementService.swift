import Foundation
import HerdCore
import HerdEngine
import HerdStore

/// Where a job should go: a query (free text and requirement flags, `PlacementQuery`) becomes requirements, the
/// hosts are probed (or a snapshot the caller has is used) and ranked against the reservation ledger, each with
/// its reasons.
public struct PlacementService: Sendable {
    public let context: ServiceContext

    public init(context: ServiceContext) { self.context = context }

    /// The ranking for one query: what it asks for, when the figures were taken, the hosts best first.
    public struct Result: Sendable {
        public var requirements: Requirements
        public var takenAt: Date
        public var candidates: [Placement.Candidate]
        /// The best host that fits, if any.
        public var chosen: Placement.Candidate? { candidates.first(where: \.fits) }
    }

    /// The requirements of a typed query (`--ram 16G --gpu`, `7b inference`); a bad flag is a one-line error.
    public static func requirements(query: String) throws -> Requirements {
        try PlacementQuery.parse(query).requirements()
    }

    /// Probes `hosts` (every host when nil) and ranks them for `needs` against the ledger.
    public func place(_ needs: Requirements, hosts: [Host]? = nil) async throws -> Result {
        let hosts = try hosts ?? RosterService(context: context).effectiveHosts().1
        let snapshot = try await SnapshotService(context: context).probe(hosts)
        return try rank(needs, in: snapshot)
    }

    /// Parses `query` and places it (see `place(_:hosts:)`).
    public func place(query: String, hosts: [Host]? = nil) async throws -> Result {
        try await place(Self.requirements(query: query), hosts: hosts)
    }

    /// Ranks the hosts of a snapshot the caller already has (a live view) for `needs`, without probing.
    public func rank(_ needs: Requirements, in snapshot: Snapshot) throws -> Result {
        let reserved = try context.jobStore().reservedByHost()
        return Result(requirements: needs, takenAt: snapshot.takenAt, candidates: Placement.rank(snapshot.hosts, needs: needs, reserved: reserved))
    }
}
