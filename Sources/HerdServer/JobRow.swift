import Foundation
import HerdCore

/// One job as `herd ps --json` prints it (the API's jobs use the same shape).
struct JobRow: Encodable, Sendable {
    var id, host, cwd, status: String
    var command: [String]
    var exitCode: Int?
    var startedAt: Date
    var endedAt: Date?
    var durationSeconds: Double
    /// Why the job is unknown, when it is.
    var reason: String?

    init(_ j: Job, now: Date) {
        id = j.id
        host = j.host
        cwd = j.clientCwd
        status = j.status.rawValue
        command = j.command
        exitCode = j.exitCode
        startedAt = j.startedAt
        endedAt = j.endedAt
        durationSeconds = ((j.endedAt ?? now).timeIntervalSince(j.startedAt) * 10).rounded() / 10
        reason = j.reason
    }
}
