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
        path = home.databaseFile.path
        var config = Configuration()
        config.busyMode = .timeout(10)
        do {
            pool = try DatabasePool(path: path, configuration: config)
            try Self.migrator.migrate(pool)
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

    /// Jobs, newest first; only live ones (running, unknown) unless `all`.
    public func jobs(all: Bool = true) throws -> [Job] {
        try read { db in
            var q = JobRecord.order(Column("startedAt").desc)
            if !all { q = q.filter([JobStatus.running.rawValue, JobStatus.unknown.rawValue].contains(Column("status"))) }
            return try q.fetchAll(db).map(\.job)
        }
    }

    /// The jobs whose id starts with `prefix`.
    public func jobs(prefix: String) throws -> [Job] {
        try read { db in
            try JobRecord.filter(Column("id").like(prefix.lowercased().replacingOccurrences(of: "%", with: "") + "%"))
                .order(Column("startedAt").desc).fetchAll(db).map(\.job)
        }
    }

    /// The latest job started on `host` from `cwd` (its work dir seeds the next sync with hard links).
    public func latest(host: String, cwd: String) throws -> Job? {
        try read { db in
            try JobRecord.filter(Column("host") == host && Column("clientCwd") == cwd)
                .order(Column("startedAt").desc).fetchOne(db)?.job
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
struct JobRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "job"
    var id: String
    var host: String
    var command: String
    var clientCwd: String
    var startedAt: Date
    var endedAt: Date?
    var exitCode: Int?
    var status: String

    init(_ j: Job) {
        id = j.id
        host = j.host
        command = String(decoding: (try? JSONEncoder().encode(j.command)) ?? Data("[]".utf8), as: UTF8.self)
        clientCwd = j.clientCwd
        startedAt = j.startedAt
        endedAt = j.endedAt
        exitCode = j.exitCode
        status = j.status.rawValue
    }

    var job: Job {
        Job(
            id: id, host: host, command: (try? JSONDecoder().decode([String].self, from: Data(command.utf8))) ?? [command],
            clientCwd: clientCwd, startedAt: startedAt, endedAt: endedAt, exitCode: exitCode,
            status: JobStatus(rawValue: status) ?? .unknown)
    }
}
