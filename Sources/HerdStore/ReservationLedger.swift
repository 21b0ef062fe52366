import Foundation
import GRDB
import HerdCore

/// The reservation ledger in `herd.db`. A reservation is checked and written in one IMMEDIATE transaction, so
/// of two herd processes booking the same RAM at the same moment exactly one wins. Expired reservations are
/// purged on every read.
extension JobStore {
    /// Reserves on `host` when `check` (given what is already reserved there) returns nil; else throws its reason.
    /// With `job`, the job's row is inserted in the same transaction (a job and its reservation exist together).
    public func reserve(
        host: String, ram: UInt64, gpus: Int, ttl: TimeInterval?, note: String, jobID: String? = nil, job: Job? = nil, now: Date = Date(),
        check: (_ reservedRAM: UInt64, _ reservedGPUs: Int) -> String?
    ) throws -> Reservation {
        do {
            return try pool.writeWithoutTransaction { db in
                var made: Reservation?
                var refusal: String?
                try db.inTransaction(.immediate) {
                    try Self.purge(db, now: now)
                    let rows = try Row.fetchAll(db, ReservationRecord.filter(Column("host") == host)).map(ReservationRecord.reservation(from:))
                    if let why = check(Saturating.sum(rows.map(\.ram)), Saturating.sum(rows.map { max(0, $0.gpus) })) {
                        refusal = why
                        return .rollback
                    }
                    let r = Reservation(
                        id: String(UUID().uuidString.lowercased().prefix(8)), host: host, ram: ram, gpus: gpus, createdAt: now,
                        expiresAt: ttl.map { now.addingTimeInterval(Self.storableTTL($0)) }, note: note, jobID: jobID)
                    try ReservationRecord(r).insert(db)
                    if let job { try JobRecord(job).insert(db) }
                    made = r
                    return .commit
                }
                guard let made else { throw HerdError.invalidInput("\(host): \(refusal ?? "not reserved")") }
                return made
            }
        } catch let e as DatabaseError {
            throw StoreError.io(path: path, message: e.message ?? "\(e)")
        }
    }

    /// Active reservations (expired ones are deleted first, by `purgeExpired`: a write transaction only when
    /// something expired), oldest first; the read leaves out what expires meanwhile.
    public func reservations(now: Date = Date()) throws -> [Reservation] {
        _ = try purgeExpired(now: now)
        return try read { db in
            let active = ReservationRecord.filter(Column("expiresAt") == nil || Column("expiresAt") > StoredDate.text(now)).order(Column("createdAt"))
            return try Row.fetchAll(db, active).map(ReservationRecord.reservation(from:))
        }
    }

    /// Reserved RAM and GPUs per host, after purging expired reservations.
    public func reservedByHost(now: Date = Date()) throws -> [String: (ram: UInt64, gpus: Int)] {
        var out: [String: (ram: UInt64, gpus: Int)] = [:]
        for r in try reservations(now: now) {
            let cur = out[r.host] ?? (0, 0)
            out[r.host] = (Saturating.add(cur.ram, r.ram), Saturating.add(cur.gpus, max(0, r.gpus)))
        }
        return out
    }

    /// Releases reservations whose id starts with `prefix` (exactly one must match); returns it.
    public func release(prefix: String) throws -> Reservation {
        let matches = try reservations().filter { $0.id.hasPrefix(prefix.lowercased()) }
        guard matches.count == 1, let r = matches.first else {
            throw HerdError.invalidInput(matches.isEmpty ? "no reservation '\(prefix)' (see herd reservations)"
                : "reservation id '\(prefix)' is ambiguous: \(matches.map(\.id).joined(separator: ", "))")
        }
        _ = try write { db in try ReservationRecord.deleteOne(db, key: r.id) }
        return r
    }

    /// Releases what job `id` holds.
    public func release(jobID: String) throws {
        _ = try write { db in try ReservationRecord.filter(Column("jobID") == jobID).deleteAll(db) }
    }

    /// A lifetime that keeps the expiry a date SQLite and GRDB store and read back (at most 100 years; nan → 0).
    static func storableTTL(_ ttl: TimeInterval) -> TimeInterval {
        ttl.isNaN ? 0 : min(max(0, ttl), 100 * 365 * 86400)
    }

    private static func purge(_ db: Database, now: Date) throws {
        _ = try expired(now).deleteAll(db)
    }

    /// The reservations that expired by `now`.
    static func expired(_ now: Date) -> QueryInterfaceRequest<ReservationRecord> {
        ReservationRecord.filter(Column("expiresAt") != nil && Column("expiresAt") <= StoredDate.text(now))
    }
}

/// A reservation row.
struct ReservationRecord: StoredRecord {
    static let databaseTableName = "reservation"
    var id: String
    var host: String
    var ram: Int64
    var gpus: Int
    var createdAt: Date
    var expiresAt: Date?
    var note: String
    var jobID: String?

    init(_ r: Reservation) {
        id = r.id
        host = r.host
        ram = Int64(clamping: r.ram)
        gpus = r.gpus
        createdAt = r.createdAt
        expiresAt = r.expiresAt
        note = r.note
        jobID = r.jobID
    }

    /// The reservation of a row. A row that does not decode holds all of its host's RAM until released: shown by
    /// `herd reservations` with its id, so `herd release` removes it, and never overbooking the host meanwhile.
    static func reservation(from row: Row) -> Reservation {
        if let r = try? ReservationRecord(row: row) { return r.reservation }
        let text = { (column: String) -> String? in String.fromDatabaseValue(row[column] as DatabaseValue) }
        return Reservation(
            id: text("id") ?? "?", host: text("host") ?? "?", ram: .max, gpus: 0,
            createdAt: (row["createdAt"] as DatabaseValue).storedDate ?? Plausible.time.lowerBound, expiresAt: nil,
            note: Job.damagedReason + "holds the host until released")
    }

    var reservation: Reservation {
        Reservation(id: id, host: host, ram: UInt64(max(0, ram)), gpus: gpus, createdAt: createdAt, expiresAt: expiresAt, note: note, jobID: jobID)
    }
}
