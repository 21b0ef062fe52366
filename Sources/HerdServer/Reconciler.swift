import Foundation
import HerdCore
import HerdEngine
import HerdStore
import Logging

/// One reconciliation tick of the daemon: asks the hosts of live jobs how they are (ended jobs give their
/// reservations back), lets expired reservations go, and releases reservations whose job ended or no longer
/// exists (the latter reported as a leak).
struct Reconciler: Sendable {
    let store: JobStore
    let manager: JobManager
    let logger: Logger

    /// What one tick did, for the log and the tests.
    struct Outcome: Sendable, Equatable {
        var changedJobs: [String] = []
        var released: [String] = []
        var leaks: [String] = []
        var expired: Int = 0
    }

    /// Runs one tick over `hosts` (the roster as it is now).
    @discardableResult
    func tick(hosts: [Host], now: Date = Date()) async -> Outcome {
        var out = Outcome()
        do {
            let jobs = try store.jobs(all: true)
            let live = jobs.filter(\.status.isLive)
            if !live.isEmpty {
                let after = await manager.reconcile(live, hosts: hosts)
                for (a, b) in zip(live, after) where a.status != b.status {
                    out.changedJobs.append(b.id)
                    logger.info("job \(b.shortID) on \(b.host): \(a.status.rawValue) → \(b.status.rawValue)")
                }
            }
            // Read without purging first, so the log can say which ones expired.
            let all = try store.reservations(now: .distantPast)
            for r in all where r.expiresAt.map({ $0 <= now }) ?? false {
                out.expired += 1
                logger.info("reservation \(r.id) on \(r.host) expired; let go")
            }
            let reservations = try store.reservations(now: now)
            let current = Dictionary(try store.jobs(all: true).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            for r in reservations {
                guard let id = r.jobID else { continue }
                if let job = current[id] {
                    guard !job.status.isLive else { continue }
                    try store.release(jobID: id)
                    out.released.append(r.id)
                    logger.info("reservation \(r.id) on \(r.host) released: job \(job.shortID) \(job.status.rawValue)")
                } else {
                    try store.release(jobID: id)
                    out.leaks.append(r.id)
                    logger.warning("leak: reservation \(r.id) on \(r.host) held for job \(id.prefix(8)), which no longer exists; released")
                }
            }
        } catch {
            logger.error("reconcile: \(error)")
        }
        return out
    }
}
