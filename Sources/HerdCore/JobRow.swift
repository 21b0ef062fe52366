import Foundation

/// One job as the JSON documents show it (the keys of `herd ps --json`, which the MCP `jobs` tool shares).
public struct JobRow: Encodable, Sendable {
    public var id, host, cwd, status: String
    public var command: [String]
    public var exitCode: Int?
    public var startedAt: Date
    public var endedAt: Date?
    public var durationSeconds: Double
    /// Why the job is unknown, when it is.
    public var reason: String?
    /// When its host last said how the job is (`herd ps` only).
    public var checkedAt: Date?
    /// Whether its host did not answer this time, the status being the last one known (`herd ps` only).
    public var stale: Bool?

    /// The row of `job` at `now`; with `stale` (what `herd ps` knows of this check) it also carries `checked_at`.
    public init(_ job: Job, now: Date, stale: Bool? = nil) {
        id = job.id
        host = job.host
        cwd = job.clientCwd
        status = job.status.rawValue
        command = job.command
        exitCode = job.exitCode
        startedAt = job.startedAt
        endedAt = job.endedAt
        durationSeconds = (((job.endedAt ?? now).timeIntervalSince(job.startedAt)) * 10).rounded() / 10
        reason = job.reason
        if let stale {
            checkedAt = job.checkedAt
            self.stale = stale
        }
    }
}
