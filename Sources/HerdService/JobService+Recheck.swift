import Foundation
import HerdCore
import HerdStore

extension JobService {
    /// How long a host's word on its live jobs counts as fresh (`known`: no stale mark, no recheck).
    public static let freshness: TimeInterval = 5

    /// What is known without asking any host: the recorded jobs; a host is listed stale when one of its live jobs
    /// was last confirmed by it longer than `freshness` ago (or never). What `herd ps` shows by default.
    public func known(freshness: TimeInterval = JobService.freshness, now: Date = Date()) throws -> Reconciliation {
        let jobs = try context.jobStore().jobs(all: true)
        let stale = jobs.filter { job in
            job.status.isLive && (job.checkedAt.map { now.timeIntervalSince($0) > freshness || $0 > now } ?? true)
        }
        return Reconciliation(jobs: jobs, staleHosts: Set(stale.map(\.host)))
    }

    /// One full reconciliation pass (each host its own timeout, no shared bound) unless another process is
    /// already running one on this home (`$HERD_HOME/.reconcile.lock`): then nil at once. What `herd ps` leaves
    /// running in the background for the hosts that did not answer within its short wait; many `ps` in a row
    /// never start more than one pass at a time.
    public func recheck() async throws -> Reconciliation? {
        try await FileLock(path: context.home.reconcileLock.path).withLockIfFree { try await reconcile() }
    }

    /// Whether a background pass (`recheck`) is running on this home now.
    public var recheckRunning: Bool { FileLock(path: context.home.reconcileLock.path).isHeld }
}
