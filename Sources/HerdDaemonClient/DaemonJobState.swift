import Foundation
import HerdCore

/// A job's state as the daemon last reconciled it (one row of `GET /v1/jobs`, the rows of `herd ps --json`).
public struct DaemonJobState: Decodable, Sendable, Equatable {
    public var id: String
    public var status: JobStatus
    public var exitCode: Int?
    public var endedAt: Date?
    public var reason: String?
    /// When the daemon last heard from the job's host about it, when it says.
    public var checkedAt: Date?

    private enum CodingKeys: String, CodingKey {
        case id, status, reason
        case exitCode = "exit_code", endedAt = "ended_at", checkedAt = "checked_at"
    }

    public init(id: String, status: JobStatus, exitCode: Int? = nil, endedAt: Date? = nil, reason: String? = nil) {
        self.id = id
        self.status = status
        self.exitCode = exitCode
        self.endedAt = endedAt
        self.reason = reason
    }

    /// `job` with this state applied (same id only; the command, host and start stay the local record's).
    public func applied(to job: Job) -> Job {
        guard job.id == id else { return job }
        var j = job
        j.status = status
        j.exitCode = exitCode
        j.endedAt = endedAt
        j.reason = reason
        if let checkedAt { j.checkedAt = checkedAt }
        return j
    }
}

/// The body of `GET /v1/jobs`.
struct DaemonJobList: Decodable {
    var jobs: [DaemonJobState]
}
