import Foundation
import HerdCore
import HerdService
import Logging
import ServiceLifecycle

/// The daemon's background work as a lifecycle service: a probe round every interval over persistent sessions
/// (the roster re-read each tick), and a reconciliation pass of jobs and reservations (`JobService.reconcile`)
/// alongside, each in its own loop so a slow host in one never holds up the other. Ends on graceful shutdown,
/// closing the sessions.
struct RefreshService: Service {
    let cache: SnapshotCache
    let services: ServiceContext
    /// Jobs over the engine's sessions (job states are asked of each host's agent there, no ssh per pass).
    let jobs: JobService
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

    private func probeLoop() async {
        while !Task.isCancelled {
            let start = ContinuousClock.now
            do {
                await cache.engine.setHosts(try RosterService(context: services).effectiveHosts().1)
            } catch {
                logger.error("roster: \(error)")
            }
            await cache.round(force: false)
            try? await Task.sleep(until: start + interval, clock: .continuous)
        }
    }

    private func reconcileLoop() async {
        var known: [String: JobStatus] = [:]
        while !Task.isCancelled {
            let start = ContinuousClock.now
            do {
                let r = try await jobs.reconcile()
                for j in r.jobs {
                    if let was = known[j.id], was != j.status {
                        logger.info("job \(j.shortID) on \(j.host): \(was.rawValue) → \(j.status.rawValue)")
                    }
                    known[j.id] = j.status
                }
                for e in r.expired { logger.info("reservation \(e.id) on \(e.host) expired; let go") }
                for e in r.released { logger.info("reservation \(e.id) on \(e.host) released: its job ended") }
                for line in r.leakLines { logger.warning("leak: \(line)") }
            } catch {
                logger.error("reconcile: \(error)")
            }
            try? await Task.sleep(until: start + interval, clock: .continuous)
        }
    }
}
