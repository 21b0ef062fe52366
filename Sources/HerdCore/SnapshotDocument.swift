import Foundation

/// What `herd ls --json` (without totals) and `herd snapshot` (with them) print: when the probe round ended,
/// one `LiveHostRow` per host, and the cluster totals.
public struct SnapshotDocument: StructuredDocument {
    public var takenAt: Date
    public var hosts: [LiveHostRow]
    public var aggregates: Snapshot.Aggregates?

    /// The document for `snapshot` as seen at `now`; `totals: false` leaves the aggregates out.
    public init(_ snapshot: Snapshot, now: Date, totals: Bool) {
        takenAt = snapshot.takenAt
        hosts = snapshot.hosts.map { LiveHostRow(state: $0, now: now) }
        aggregates = totals ? snapshot.aggregates : nil
    }
}
