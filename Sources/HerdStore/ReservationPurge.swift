import Foundation
import GRDB
import HerdCore

extension JobStore {
    /// Deletes the reservations that expired by `now` and returns them (reconciliation reports what went).
    public func purgeExpired(now: Date = Date()) throws -> [Reservation] {
        // A daemon asks every tick and almost always nothing expired: a read says so without a write transaction.
        guard try read({ db in try Self.expired(now).fetchCount(db) }) > 0 else { return [] }
        return try write { db in
            let expired = Self.expired(now)
            let gone = try Row.fetchAll(db, expired).map(ReservationRecord.reservation(from:))
            try expired.deleteAll(db)
            return gone
        }
    }

    /// The job whose id is exactly `id`, if its row exists (damaged rows too).
    public func job(id: String) throws -> Job? {
        try read { db in try Row.fetchOne(db, JobRecord.filter(Column("id") == id)).map(JobRecord.job(from:)) }
    }
}
