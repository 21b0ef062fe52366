import Foundation
import GRDB
import HerdCore

/// The records `herd run` keeps around a launch: the job row written before anything happens on the host, the
/// row finished once the job runs, and both the row and its reservation removed together when the launch is
/// abandoned. Each step retries a busy database, so a lock held by another process delays herd instead of
/// leaving a job on a host that nobody tracks.
extension JobStore {
    /// How often a launch step tries a locked database (each try waits the busy timeout).
    public static let launchWriteAttempts = 3

    /// Marks `job` (recorded as `launching`) as running; retried while the database is busy. A row removed
    /// meanwhile (`herd rm --force` from another shell) is written again: the job runs, so it must be tracked.
    public func finishLaunch(_ job: Job) throws {
        var j = job
        if j.status == .launching { j.status = .running }
        try retryingBusy { try write { db in try JobRecord(j).save(db) } }
    }

    /// Deletes job `id` and every reservation it holds, in one transaction; retried while the database is busy.
    public func forget(jobID id: String) throws {
        try retryingBusy {
            try write { db in
                _ = try JobRecord.deleteOne(db, key: id)
                _ = try ReservationRecord.filter(Column("jobID") == id).deleteAll(db)
            }
        }
    }

    /// Runs `body`, again (up to `launchWriteAttempts` times in all) while it fails with a busy or locked database.
    func retryingBusy(_ body: () throws -> Void) throws {
        var attempt = 1
        while true {
            do { return try body() } catch let e as StoreError {
                guard attempt < Self.launchWriteAttempts, e.isBusy else { throw e }
                attempt += 1
            }
        }
    }
}

extension StoreError {
    /// Whether this is SQLite's "database is locked" or "busy" (another process holds the lock; worth a retry).
    var isBusy: Bool {
        guard case .io(_, let message) = self else { return false }
        return message.contains("locked") || message.contains("busy")
    }
}
