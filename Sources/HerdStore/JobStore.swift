import Foundation
import GRDB
import HerdCore

/// The local job database: SQLite through GRDB at `$HERD_HOME/herd.db`, in WAL mode, so several herd
/// processes can read and write at once (writers wait on a busy timeout instead of failing).
public final class JobStore: Sendable {
    let pool: DatabasePool
    public let path: String

    /// Opens (creating and migrating when needed) the database of `home`.
    public init(home: HerdHome) throws {
        try home.prepareDatabase()
        let path = home.databaseFile.path
        self.path = path
        var config = Configuration()
        config.busyMode = .timeout(10)
        do {
            // Opening (WAL switch) and migrating hold an exclusive lock file: GRDB reads the applied migrations outside
            // each migration's transaction, so two herd processes (or tasks) opening a new database at once could both
            // try to create the tables. The lock makes the second one find them applied; it costs one flock per open.
            pool = try FileLock(path: path + ".lock").withLock {
                let pool = try DatabasePool(path: path, configuration: config)
                try Self.migrator.migrate(pool)
                return pool
            }
        } catch let e as DatabaseError {
            throw StoreError.io(path: path, message: e.message ?? "\(e)")
        }
    }

    private static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-jobs") { db in
            try db.create(table: "job") { t in
                t.primaryKey("id", .text)
                t.column("host", .text).notNull().indexed()
                t.column("command", .text).notNull()
                t.column("clientCwd", .text).notNull()
                t.column("startedAt", .datetime).notNull()
                t.column("endedAt", .datetime)
                t.column("exitCode", .integer)
                t.column("status", .text).notNull().indexed()
            }
        }
        m.registerMigration("v2-reservations") { db in
            try db.create(table: "reservation") { t in
                t.primaryKey("id", .text)
                t.column("host", .text).notNull().indexed()
                t.column("ram", .integer).notNull()
                t.column("gpus", .integer).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("expiresAt", .datetime)
                t.column("note", .text).notNull()
                t.column("jobID", .text).indexed()
            }
        }
        m.registerMigration("v3-job-reason") { db in
            try db.alter(table: "job") { t in t.add(column: "reason", .text) }
        }
        m.registerMigration("v4-job-checked") { db in
            try db.alter(table: "job") { t in t.add(column: "checkedAt", .datetime) }
        }
        m.registerMigration("v5-agent-runs") { db in
            // Commands agents ran through `herd mcp serve` and how they ended (learned-bad: see AgentRunLedger).
            try db.create(table: "agentRun") { t in
                t.primaryKey("jobID", .text)
                t.column("host", .text).notNull()
                t.column("command", .text).notNull()
                t.column("startedAt", .datetime).notNull()
                t.column("exitCode", .integer)
                t.column("failed", .boolean).notNull().defaults(to: false)
            }
            try db.create(index: "agentRun_host_command", on: "agentRun", columns: ["host", "command"])
        }
        return m
    }

    /// Adds a new job.
    public func insert(_ job: Job) throws {
        try write { db in try JobRecord(job).insert(db) }
    }

    /// Replaces a job's row.
    public func update(_ job: Job) throws {
        try write { db in try JobRecord(job).update(db) }
    }

    /// Deletes a job's row.
    public func delete(_ id: String) throws {
        _ = try write { db in try JobRecord.deleteOne(db, key: id) }
    }

    /// Jobs, newest first; only live ones (running, unknown) unless `all`. Rows are decoded one by one: a damaged
    /// row is listed as an `unknown` job with the reason, and never hides the others.
    public func jobs(all: Bool = true) throws -> [Job] {
        try read { db in
            // Filtered after decoding: a damaged row is `unknown`, hence live, whatever its status column says.
            let jobs = try Row.fetchAll(db, JobRecord.order(Column("startedAt").desc)).map(JobRecord.job(from:))
            return all ? jobs : jobs.filter(\.status.isLive)
        }
    }

    /// The jobs whose id starts with `prefix` (damaged rows too, so `herd rm` can remove them).
    public func jobs(prefix: String) throws -> [Job] {
        try read { db in
            let q = JobRecord.filter(Column("id").like(prefix.lowercased().replacingOccurrences(of: "%", with: "") + "%"))
                .order(Column("startedAt").desc)
            return try Row.fetchAll(db, q).map(JobRecord.job(from:))
        }
    }

    /// The latest job started on `host` from `cwd` (its work dir seeds the next sync with hard links); jobs
    /// still launching (this one, or another herd's half-synced one) and damaged rows are passed over.
    public func latest(host: String, cwd: String) throws -> Job? {
        try read { db in
            let q = JobRecord.filter(Column("host") == host && Column("clientCwd") == cwd && Column("status") != JobStatus.launching.rawValue)
                .order(Column("startedAt").desc)
            return try Row.fetchAll(db, q).lazy.compactMap { try? JobRecord(row: $0).job }.first { Job.isWellFormedID($0.id) }
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch let e as DatabaseError { throw StoreError.io(path: path, message: e.message ?? "\(e)") }
    }

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.write(body) } catch let e as DatabaseError { throw StoreError.io(path: path, message: e.message ?? "\(e)") }
    }
}

/// A job row; the command words are stored as a JSON array.
struct JobRecord: StoredRecord {
    static let databaseTableName = "job"
    var id: String
    var host: String
    var command: String
    var clientCwd: String
    var startedAt: Date
    var endedAt: Date?
    var exitCode: Int?
    var status: String
    var reason: String?
    var checkedAt: Date?

    /// The row for `j`. Values that SQLite or GRDB could not give back as they were (a date outside
    /// `Plausible.time`, an exit code outside `Plausible.exitCode`, an over-long reason) are not stored as such:
    /// the job is stored `unknown` with a reason instead.
    init(_ j: Job) {
        id = j.id
        host = j.host
        command = String(decoding: (try? JSONEncoder().encode(j.command)) ?? Data("[]".utf8), as: UTF8.self)
        clientCwd = j.clientCwd
        startedAt = j.startedAt
        endedAt = j.endedAt
        exitCode = j.exitCode
        status = j.status.rawValue
        reason = j.reason.map { String($0.prefix(Plausible.textLength)) }
        checkedAt = j.checkedAt.flatMap { Plausible.time.contains($0) ? $0 : nil }
        var wrong: [String] = []
        if !Plausible.time.contains(startedAt) { wrong.append("start time"); startedAt = Plausible.time.lowerBound }
        if let e = endedAt, !Plausible.time.contains(e) { wrong.append("end time"); endedAt = nil }
        if let c = exitCode, !Plausible.exitCode.contains(c) { wrong.append("exit code"); exitCode = nil }
        if !wrong.isEmpty {
            status = JobStatus.unknown.rawValue
            reason = wrong.joined(separator: ", ") + " out of range"
        }
    }

    /// The job of a row, or an `unknown` job naming what is wrong when the row does not decode.
    static func job(from row: Row) -> Job {
        do {
            return try JobRecord(row: row).job
        } catch {
            let text = { (column: String) -> String? in String.fromDatabaseValue(row[column] as DatabaseValue) }
            let bad = ["id", "host", "command", "clientCwd", "startedAt", "endedAt", "exitCode", "status", "reason", "checkedAt"].filter { column in
                let v: DatabaseValue = row[column]
                switch column {
                case "startedAt": return Date.fromDatabaseValue(v) == nil
                case "endedAt", "checkedAt": return !v.isNull && Date.fromDatabaseValue(v) == nil
                case "exitCode": return !v.isNull && Int.fromDatabaseValue(v) == nil
                case "reason": return !v.isNull && String.fromDatabaseValue(v) == nil
                default: return String.fromDatabaseValue(v) == nil
                }
            }
            return Job(
                id: text("id") ?? "?", host: text("host") ?? "?", command: text("command").map { [$0] } ?? [],
                clientCwd: text("clientCwd") ?? "?", startedAt: (row["startedAt"] as DatabaseValue).storedDate ?? Plausible.time.lowerBound,
                status: .unknown, reason: Job.damagedReason + (bad.isEmpty ? "unreadable" : bad.joined(separator: ", ")))
        }
    }

    var job: Job {
        Job(
            id: id, host: host, command: (try? JSONDecoder().decode([String].self, from: Data(command.utf8))) ?? [command],
            clientCwd: clientCwd, startedAt: startedAt, endedAt: endedAt, exitCode: exitCode,
            status: JobStatus(rawValue: status) ?? .unknown,
            reason: JobStatus(rawValue: status) == nil ? Job.damagedReason + "status" : reason, checkedAt: checkedAt)
    }
}

extension DatabaseValue {
    /// This value as a date, if it is one within `Plausible.time`.
    var storedDate: Date? { Date.fromDatabaseValue(self).flatMap { Plausible.time.contains($0) ? $0 : nil } }
}
