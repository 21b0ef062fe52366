import Foundation
import GRDB
import HerdCore

/// One command an agent ran through the MCP `run` tool: the job, its host, the command (as one canonical string)
/// and, once seen ended, its exit code.
public struct AgentRun: Sendable, Equatable, Codable {
    public var jobID: String
    public var host: String
    public var command: String
    public var startedAt: Date
    public var exitCode: Int?
    public var failed: Bool

    public init(jobID: String, host: String, command: String, startedAt: Date, exitCode: Int? = nil, failed: Bool = false) {
        self.jobID = jobID
        self.host = host
        self.command = command
        self.startedAt = startedAt
        self.exitCode = exitCode
        self.failed = failed
    }
}

/// The agent-run ledger in herd.db (table `agentRun`): what agents ran, and the "learned-bad" fast path: a command
/// that failed on a host is refused there again unless the agent forces it.
extension JobStore {
    /// Records a run launched for `run.jobID`.
    public func recordAgentRun(_ run: AgentRun) throws {
        try write { db in try AgentRunRecord(run).save(db) }
    }

    /// Marks how `jobID`'s run ended; returns the run when it was an agent run whose outcome was not known yet.
    @discardableResult
    public func noteAgentOutcome(jobID: String, exitCode: Int?, failed: Bool) throws -> AgentRun? {
        try write { db in
            guard var r = try AgentRunRecord.fetchOne(db, key: jobID), r.exitCode == nil, !r.failed else { return nil }
            r.exitCode = exitCode
            r.failed = failed
            try r.update(db)
            return r.run
        }
    }

    /// The last failed run of `command` on `host`, if any (learned-bad).
    public func learnedBad(host: String, command: String) throws -> AgentRun? {
        try read { db in
            try AgentRunRecord.filter(Column("host") == host && Column("command") == AgentRunRecord.stored(command) && Column("failed") == true)
                .order(Column("startedAt").desc).fetchOne(db)?.run
        }
    }

    /// Every agent run, newest first.
    public func agentRuns() throws -> [AgentRun] {
        try read { db in try AgentRunRecord.order(Column("startedAt").desc).fetchAll(db).map(\.run) }
    }
}

/// A row of `agentRun`.
struct AgentRunRecord: StoredRecord {
    static let databaseTableName = "agentRun"
    var jobID: String
    var host: String
    var command: String
    var startedAt: Date
    var exitCode: Int?
    var failed: Bool

    init(_ r: AgentRun) {
        jobID = r.jobID
        host = r.host
        command = Self.stored(r.command)
        startedAt = Plausible.time.contains(r.startedAt) ? r.startedAt : Plausible.time.lowerBound
        exitCode = r.exitCode.flatMap { Plausible.exitCode.contains($0) ? $0 : nil }
        failed = r.failed
    }

    /// The command as stored and looked up: at most 4,096 characters.
    static func stored(_ command: String) -> String { String(command.prefix(4096)) }

    var run: AgentRun { AgentRun(jobID: jobID, host: host, command: command, startedAt: startedAt, exitCode: exitCode, failed: failed) }
}
