import Foundation

/// What `herd ps` lists and in which order, and how job durations and summaries read (pueue's way): live jobs
/// first, then the jobs that ended recently, failed ones before stopped ones before done ones.
public enum JobListing {
    /// How long an ended job stays in the default listing.
    public static let recentWindow: TimeInterval = 24 * 3600
    /// At most this many ended jobs in the default listing.
    public static let recentLimit = 10

    /// `jobs` in listing order: live ones (oldest start first), then ended ones by kind (failed, stopped, done)
    /// and newest end first. Without `all`, only the live ones and at most `limit` jobs that ended within `window`
    /// before `now` (an ended job without an end time counts from its start).
    public static func ordered(
        _ jobs: [Job], all: Bool, now: Date, window: TimeInterval = recentWindow, limit: Int = recentLimit
    ) -> [Job] {
        let live = jobs.filter(\.status.isLive).sorted { ($0.startedAt, $0.id) < ($1.startedAt, $1.id) }
        var ended = jobs.filter { !$0.status.isLive }.sorted { a, b in
            if rank(a) != rank(b) { return rank(a) < rank(b) }
            let ea = a.endedAt ?? a.startedAt, eb = b.endedAt ?? b.startedAt
            return ea != eb ? ea > eb : a.id < b.id
        }
        if !all {
            ended = Array(ended.filter { now.timeIntervalSince($0.endedAt ?? $0.startedAt) <= window }.prefix(max(0, limit)))
        }
        return live + ended
    }

    private static func rank(_ job: Job) -> Int {
        switch job.status {
        case .failed: return 0
        case .stopped: return 1
        default: return 2
        }
    }

    /// Seconds as `H:MM:SS` (`0:02:14`, `27:00:05`); negative and non-finite values read `0:00:00`.
    public static func duration(_ seconds: TimeInterval) -> String {
        let t = seconds.isFinite ? max(0, Saturating.int(seconds)) : 0
        return String(format: "%d:%02d:%02d", t / 3600, (t % 3600) / 60, t % 60)
    }

    /// How long `job` ran (until `now` while it runs).
    public static func elapsed(_ job: Job, now: Date) -> TimeInterval {
        (job.endedAt ?? now).timeIntervalSince(job.startedAt)
    }

    /// `job 0123abcd failed [3] on gpu1 after 0:00:02` (an unknown job says why).
    public static func summary(_ job: Job, now: Date) -> String {
        let status = TerminalText.line(job.statusText)
        return "job \(job.shortID) \(status) on \(job.host) after \(duration(elapsed(job, now: now)))"
    }
}
