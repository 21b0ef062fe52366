import Foundation
import HerdCore
import HerdEngine
import HerdRemote
import HerdStore
import Logging
import ServiceLifecycle

/// The daemon's background work as a lifecycle service: a probe round every interval over persistent sessions
/// (the roster re-read each tick), and a reconciliation tick of jobs and reservations alongside, each in its own
/// loop so a slow host in one never holds up the other. Ends on graceful shutdown, closing the sessions.
struct RefreshService: Service {
    let cache: SnapshotCache
    let reconciler: Reconciler
    let roster: RosterStore
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.probeLoop() }
                group.addTask { await self.reconcileLoop() }
                await group.waitForAll()
            }
        }
        await cache.engine.shutdown()
        logger.info("refresh stopped; sessions closed")
    }

    /// The roster's hosts now (the local host when it is empty); nil (logged) when it cannot be read.
    func hosts() -> [Host]? {
        do {
            return try roster.load().effectiveHosts(localOS: LocalSystem.osName)
        } catch {
            logger.error("roster: \(error)")
            return nil
        }
    }

    private func probeLoop() async {
        while !Task.isCancelled {
            let start = ContinuousClock.now
            if let hosts = hosts() { await cache.engine.setHosts(hosts) }
            await cache.round(force: false)
            try? await Task.sleep(until: start + interval, clock: .continuous)
        }
    }

    private func reconcileLoop() async {
        while !Task.isCancelled {
            let start = ContinuousClock.now
            if let hosts = hosts() { await reconciler.tick(hosts: hosts) }
            try? await Task.sleep(until: start + interval, clock: .continuous)
        }
    }
}
