import Foundation
import HerdCore

/// What one reconciliation pass found: the jobs as known after it, the hosts that gave no answer within the
/// bound (their jobs keep their last recorded state: stale), and what it took out of the reservation ledger.
public struct Reconciliation: Sendable {
    /// Every job the database holds, newest first, updated with what the hosts answered.
    public var jobs: [Job]
    /// Hosts that did not answer within the bound.
    public var staleHosts: Set<String>
    /// Reservations given back because their job ended.
    public var released: [Reservation]
    /// Reservations that expired.
    public var expired: [Reservation]
    /// Reservations whose job no longer exists (a leak), released.
    public var leaks: [Reservation]
    /// When the pass ended.
    public var finishedAt: Date

    public init(
        jobs: [Job], staleHosts: Set<String> = [], released: [Reservation] = [], expired: [Reservation] = [],
        leaks: [Reservation] = [], finishedAt: Date = Date()
    ) {
        self.jobs = jobs
        self.staleHosts = staleHosts
        self.released = released
        self.expired = expired
        self.leaks = leaks
        self.finishedAt = finishedAt
    }

    /// Whether `job`'s state is stale: it may still run, and its host did not answer this time.
    public func isStale(_ job: Job) -> Bool { job.status.isLive && staleHosts.contains(job.host) }

    /// One line per leak, for a face to report ("reservation 1a2b3c4d (17G on tb01) was held by job 0f0e…,
    /// which no longer exists: released").
    public var leakLines: [String] {
        leaks.map { r in
            "reservation \(r.id) (\(UsageFormat.bytes(r.ram)) on \(r.host)) was held by job \(r.jobID.map { String($0.prefix(8)) } ?? "?"), "
                + "which no longer exists: released"
        }
    }
}
