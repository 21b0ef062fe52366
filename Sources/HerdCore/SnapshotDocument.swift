import Foundation

/// What `herd ls --json` (without totals) and `herd snapshot` (with them) print: when the probe round ended,
/// one `LiveHostRow` per host, and the cluster totals.
public struct SnapshotDocument: StructuredDocument {
    public var takenAt: Date
    public var hosts: [LiveHostRow]
    public var aggregates: Snapshot.Aggregates?

    /// The document for `snapshot` as seen at `now`; `totals: false` leaves the aggregates out. With `reserved`
    /// (host → RAM held by reservations), every host carries `reserved_ram` (0 when none) and the totals their sum.
    public init(_ snapshot: Snapshot, now: Date, totals: Bool, reserved: [String: UInt64]? = nil) {
        takenAt = snapshot.takenAt
        hosts = snapshot.hosts.map { state in LiveHostRow(state: state, now: now, reservedRAM: reserved.map { $0[state.host.name] ?? 0 }) }
        aggregates = totals ? snapshot.aggregates : nil
        if totals, let reserved {
            aggregates?.reservedRAM = Saturating.sum(snapshot.hosts.map { reserved[$0.host.name] ?? 0 })
        }
    }
}
