import HerdCore
import HerdEngine

/// The dashboard's own refresh engine: persistent ssh sessions of this process, a round every interval.
struct EngineSnapshotSource: SnapshotSource {
    let engine: RefreshEngine

    func snapshots() -> AsyncStream<Snapshot> { engine.snapshots() }
    func refresh() async -> Snapshot? { await engine.round(force: true) }
    func setHosts(_ hosts: [Host]) async { await engine.setHosts(hosts) }
    func shutdown() async { await engine.shutdown() }
}
