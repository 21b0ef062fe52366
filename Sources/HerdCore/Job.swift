import Foundation

/// A command pushed to a host with `herd run`: where it runs, what it runs, and how it ended.
public struct Job: Codable, Sendable, Equatable {
    /// A lowercase UUID.
    public var id: String
    /// The roster name of the host it runs on.
    public var host: String
    /// The command words as typed after `--`.
    public var command: [String]
    /// The directory `herd run` was started in (what was synced).
    public var clientCwd: String
    public var startedAt: Date
    public var endedAt: Date?
    public var exitCode: Int?
    public var status: JobStatus
    /// Why the job is `unknown` (its host did not answer, answered with implausible values, or its record is
    /// damaged); nil otherwise.
    public var reason: String?
    /// When its host last told herd how the job is (nil: never since it was recorded); the age of `status`.
    public var checkedAt: Date?

    public init(
        id: String, host: String, command: [String], clientCwd: String, startedAt: Date, endedAt: Date? = nil,
        exitCode: Int? = nil, status: JobStatus = .running, reason: String? = nil, checkedAt: Date? = nil
    ) {
        self.reason = reason
        self.checkedAt = checkedAt
        self.id = id
        self.host = host
        self.command = command
        self.clientCwd = clientCwd
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.exitCode = exitCode
        self.status = status
    }

    /// The first 8 characters of the id: the tmux session is `herd-<short>`.
    public var shortID: String { String(id.prefix(8)) }

    /// The tmux session on the host.
    public var tmuxSession: String { "herd-\(shortID)" }

    /// The start of `reason` for a record herd could not read back whole (see `JobStore`).
    public static let damagedReason = "damaged record: "

    /// Whether this job comes from a database row that did not decode: it is shown, never sent to a host or
    /// rewritten, and `herd rm` removes it.
    public var isDamaged: Bool { status == .unknown && reason?.hasPrefix(Self.damagedReason) == true }

    /// Whether `id` has the shape herd gives job ids (a lowercase UUID): only such ids are sent to a host, so a
    /// damaged record can never name a path like `../..` in the job agent's `rm`.
    public static func isWellFormedID(_ id: String) -> Bool {
        id.count == 36 && id.utf8.enumerated().allSatisfy { i, c in
            [8, 13, 18, 23].contains(i) ? c == UInt8(ascii: "-") : (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(c)
        }
    }

    /// `done [0]`, `failed [3]`, `stopped [130]`, `running`, `launching`, `unknown` or `unknown: REASON`.
    public var statusText: String {
        switch status {
        case .running, .launching: return status.rawValue
        case .unknown: return reason.map { "unknown: \($0)" } ?? "unknown"
        default: return "\(status.rawValue) [\(exitCode.map(String.init) ?? "?")]"
        }
    }

    /// Marks the job ended with `code` at `time` (stopped stays stopped).
    public mutating func end(code: Int, at time: Date) {
        exitCode = code
        endedAt = time
        reason = nil
        if status != .stopped { status = code == 0 ? .done : .failed }
    }
}

/// Where a job is in its life. `launching` is recorded before anything happens on the host (sync, launch), so a
/// job that started there is always in the database even when herd dies before it could note the start.
public enum JobStatus: String, Codable, Sendable, CaseIterable {
    case launching, running, done, failed, stopped, unknown

    /// Whether the job may still be running on its host (it is polled by `herd ps`).
    public var isLive: Bool { self == .running || self == .unknown || self == .launching }
}
