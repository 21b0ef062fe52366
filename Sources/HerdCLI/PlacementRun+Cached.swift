import Foundation
import HerdCore
import HerdDaemonClient
import HerdEngine
import HerdStore

extension PlacementRun {
    /// Ranks `hosts` for `needs` on a snapshot probed live or (`cached`) read from the daemon, against the local
    /// ledger; the source is nil for a live probe.
    static func rank(
        _ hosts: [Host], needs: Requirements, cached: Bool, context: CLIContext, store: JobStore
    ) async throws -> ([Placement.Candidate], ReadSource?) {
        guard cached else { return (try await rank(hosts, needs: needs, context: context, store: store), nil) }
        let (snapshot, source) = try await CachedRead.snapshot(hosts, cached: true, context: context, config: RefreshConfig())
        return (Placement.rank(snapshot.hosts, needs: needs, reserved: try store.reservedByHost()), source)
    }
}
