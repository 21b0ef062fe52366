import Foundation
import HerdCore
import HerdEngine
import HerdRemote
import HerdStore

/// Probes and snapshots: one-shot rounds (the CLI's `ls`, `status`, `snapshot`, placement before a reservation)
/// and the engine behind a live view (the dashboard, a daemon). It owns the sightings cache (`seen.json`): every
/// one-shot round is seeded from it, so a down host shows how long it has been gone, and records what answered.
public struct SnapshotService: Sendable {
    public let context: ServiceContext

    public init(context: ServiceContext) { self.context = context }

    /// Probes `hosts` once (one-shot ssh calls over ControlMaster sockets) and returns the snapshot, stamped with
    /// the time it was taken (`Snapshot.takenAt`).
    public func probe(_ hosts: [Host], config: RefreshConfig = RefreshConfig()) async throws -> Snapshot {
        try context.home.ensureControlDir()
        let engine = RefreshEngine(hosts: hosts, prober: OneShotProber(options: context.sshOptions), config: config)
        let sightings = SightingStore(home: context.home)
        await engine.seed(lastSeen: sightings.load())
        let snapshot = await engine.round(force: true)
        // Only a cache for AGE: failing to write it must not fail the command.
        try? sightings.record(snapshot)
        return snapshot
    }

    /// Probes the hosts `selector` names (every host when nil).
    public func probe(selector: String?, exclude: [String] = [], config: RefreshConfig = RefreshConfig()) async throws -> Snapshot {
        try await probe(try RosterService(context: context).hosts(selector: selector, exclude: exclude), config: config)
    }

    /// A refresh engine over persistent sessions (one `ssh -T` per host) for a live view: rounds every
    /// `interval`. The caller reads `snapshots()` and calls `shutdown()` at the end.
    /// `sessions` may be shared with a `JobWatcher`, so job questions travel over the same host sessions.
    public func liveEngine(_ hosts: [Host], interval: Duration, sessions: SessionProber? = nil) throws -> RefreshEngine {
        try liveEngine(hosts, config: RefreshConfig(interval: interval), sessions: sessions)
    }

    /// RAM held by reservations per host (the ledger, expired ones purged), for the snapshot's `reserved_ram`.
    public func reservedRAM() throws -> [String: UInt64] {
        try context.jobStore().reservedByHost().mapValues(\.ram)
    }
}
