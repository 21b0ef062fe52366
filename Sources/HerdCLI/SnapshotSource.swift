import HerdCore

/// Where the dashboard's snapshots come from: an engine of its own (`EngineSnapshotSource`) or a running daemon
/// (`DaemonSnapshotSource`). `SnapshotFeed` picks one and switches when the daemon goes away.
protocol SnapshotSource: Sendable {
    /// Snapshots at the dashboard's interval, until the source fails for good (the stream then ends) or the
    /// consumer stops listening.
    func snapshots() -> AsyncStream<Snapshot>
    /// A round now (the `r` key); nil when the source could not give one.
    func refresh() async -> Snapshot?
    /// The roster changed: the hosts to show from now on.
    func setHosts(_ hosts: [Host]) async
    /// Releases what the source holds (ssh sessions).
    func shutdown() async
}
