import Foundation
import HerdCore
import HerdDaemonClient
import HerdEngine
import HerdService
import HerdTUI

/// The dashboard's snapshots: from a running daemon when one answers at start (one set of ssh sessions per user,
/// however many dashboards are open), else from an engine of the dashboard's own; when the daemon goes away the
/// dashboard starts its own engine and says so in the status line.
actor SnapshotFeed {
    private let client: DaemonClient
    private let services: ServiceContext
    /// The sessions an engine of the dashboard's own probes over (shared with its job watcher).
    private let sessions: SessionProber
    private let interval: Duration
    private var hosts: [Host]
    private var source: (any SnapshotSource)?
    private var stopped = false

    init(client: DaemonClient, services: ServiceContext, sessions: SessionProber, hosts: [Host], interval: Duration) {
        self.client = client
        self.services = services
        self.sessions = sessions
        self.hosts = hosts
        self.interval = interval
    }

    /// Posts snapshots (and a status line when the source changes) until cancelled.
    func run(post: @escaping @Sendable (AppEvent) -> Void) async {
        if let health = try? await client.health() {
            let daemon = DaemonSnapshotSource(client: client, hosts: hosts, interval: interval)
            source = daemon
            post(.message("snapshots from the daemon (pid \(health.pid))"))
            for await snap in daemon.snapshots() { post(.snapshot(snap)) }
            if Task.isCancelled || stopped { return }
            let why = await daemon.failure.map(\.reason) ?? "the daemon stopped answering"
            post(.message("daemon gone (\(why)); probing on its own"))
        }
        let engine: EngineSnapshotSource
        do {
            engine = EngineSnapshotSource(engine: try SnapshotService(context: services).liveEngine(hosts, interval: interval, sessions: sessions))
        } catch {
            return post(.message("cannot probe: \(error)"))
        }
        source = engine
        if stopped { return await engine.shutdown() }
        // Each host as its answer comes (a frozen host never holds the others back).
        for await update in engine.engine.live() {
            switch update {
            case .snapshot(let snap): post(.snapshot(snap))
            case .host(let host, let time): post(.hosts([host], at: time))
            }
        }
    }

    /// A round now from the current source.
    func refresh() async -> Snapshot? { await source?.refresh() }

    /// New hosts for the current source and any later one.
    func setHosts(_ hosts: [Host]) async {
        self.hosts = hosts
        await source?.setHosts(hosts)
    }

    /// Releases the sessions (those a job watcher opened too, with a daemon); a source started later shuts down
    /// at once.
    func shutdown() async {
        stopped = true
        await source?.shutdown()
        await sessions.shutdown()
    }
}
