import Foundation

/// What a host's job agent says about one job (`@@job ID running`, `@@job ID done CODE ENDED`, `@@job ID missing`),
/// checked before anything reaches the database: the job can write its own `exitcode` and `ended_at` files, so
/// every value is untrusted. An implausible value makes the job `unknown` with a reason, never a stored oddity.
public enum JobReport: Equatable, Sendable {
    /// Still running in its tmux session.
    case running
    /// Ended with `code` at `endedAt` (nil: the agent has not written the time yet).
    case ended(code: Int, endedAt: Date?)
    /// The agent did not say, or said something herd does not believe.
    case unknown(reason: String)

    /// The report for `id` in the agent's answer `text` (its last line about `id`; other jobs' lines are ignored).
    public static func parse(_ text: String, id: String) -> JobReport {
        var report = JobReport.unknown(reason: "no answer from the host's agent")
        for line in text.split(separator: "\n") {
            let f = line.split(separator: " ", omittingEmptySubsequences: false)
            guard f.count >= 3, f[0] == "@@job", f[1] == Substring(id) else { continue }
            report = parse(fields: Array(f[2...]))
        }
        return report
    }

    /// The report from the fields after `@@job ID`.
    static func parse(fields f: [Substring]) -> JobReport {
        switch f.first ?? "" {
        case "running" where f.count == 1: return .running
        case "missing" where f.count == 1: return .unknown(reason: Self.missingReason)
        case "done" where f.count == 3:
            let code: Int
            switch Plausible.integer(f[1], in: Plausible.exitCode) {
            case .value(let c): code = c
            case .outOfRange: return .unknown(reason: "exit code out of range")
            case .notANumber: return .unknown(reason: "exit code is not a number")
            }
            // "0" (or "-"): the agent found no end time yet; the job did end, so now stands in.
            if f[2] == "0" || f[2] == "-" { return .ended(code: code, endedAt: nil) }
            guard let seconds = Plausible.decimal(f[2], in: Plausible.time.lowerBound.timeIntervalSince1970...Plausible.time.upperBound.timeIntervalSince1970).value
            else { return .unknown(reason: "end time out of range") }
            return .ended(code: code, endedAt: Date(timeIntervalSince1970: seconds))
        default:
            return .unknown(reason: "unexpected answer from the host's agent")
        }
    }

    /// Why a job is unknown when its host has no trace of it.
    public static let missingReason = "not found on its host"

    /// `job` updated with this report at `now`.
    public func applied(to job: Job, now: Date = Date()) -> Job {
        var j = job
        switch self {
        case .running:
            if j.status == .unknown || j.status == .launching { j.status = .running; j.reason = nil }
        case .ended(let code, let endedAt):
            j.end(code: code, at: endedAt ?? now)
        case .unknown(let reason):
            // A job still launching has no job dir yet: its herd is syncing, or was stopped mid-way.
            if j.status == .launching && reason == Self.missingReason { return j }
            j.status = .unknown
            j.reason = reason
        }
        return j
    }
}
