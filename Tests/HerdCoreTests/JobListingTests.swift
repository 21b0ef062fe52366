import Foundation
import HerdCore
import Testing

/// `herd ps`'s listing: live jobs, then recent ended ones (failed, stopped, done; newest end first), H:MM:SS.
@Suite struct JobListingTests {
    let now = Date(timeIntervalSince1970: 2_000_000_000)

    func job(_ id: String, _ status: JobStatus, startedAgo: TimeInterval, endedAgo: TimeInterval? = nil, code: Int? = nil) -> Job {
        Job(id: id, host: "h", command: ["x"], clientCwd: "/", startedAt: now - startedAgo,
            endedAt: endedAgo.map { now - $0 }, exitCode: code, status: status)
    }

    var jobs: [Job] {
        [
            job("done-new", .done, startedAgo: 100, endedAgo: 10, code: 0),
            job("done-old", .done, startedAgo: 200_000, endedAgo: 100_000, code: 0),
            job("failed-a", .failed, startedAgo: 500, endedAgo: 400, code: 3),
            job("running-late", .running, startedAgo: 5),
            job("failed-b", .failed, startedAgo: 500, endedAgo: 50, code: 1),
            job("stopped", .stopped, startedAgo: 60, endedAgo: 30, code: 130),
            job("running-early", .running, startedAgo: 900),
            job("unknown", .unknown, startedAgo: 300),
        ]
    }

    @Test func liveFirstThenRecentFailedStoppedDoneNewestEndFirst() {
        let ids = JobListing.ordered(jobs, all: false, now: now).map(\.id)
        #expect(ids == ["running-early", "unknown", "running-late", "failed-b", "failed-a", "stopped", "done-new"])
    }

    @Test func allKeepsOldEndedJobsInTheSameOrder() {
        let ids = JobListing.ordered(jobs, all: true, now: now).map(\.id)
        #expect(ids == ["running-early", "unknown", "running-late", "failed-b", "failed-a", "stopped", "done-new", "done-old"])
    }

    @Test func theRecentListIsCappedAndNeverDropsLiveJobs() {
        let many = (0..<30).map { job(String(format: "d%02d", $0), .done, startedAgo: 100, endedAgo: Double($0), code: 0) }
            + [job("r", .running, startedAgo: 1)]
        let listed = JobListing.ordered(many, all: false, now: now, limit: 5)
        #expect(listed.map(\.id) == ["r", "d00", "d01", "d02", "d03", "d04"])
        #expect(JobListing.ordered(many, all: false, now: now, limit: 0).map(\.id) == ["r"])
    }

    @Test func durationsReadHoursMinutesSeconds() {
        #expect(JobListing.duration(134) == "0:02:14")
        #expect(JobListing.duration(0) == "0:00:00")
        #expect(JobListing.duration(27 * 3600 + 5) == "27:00:05")
        #expect(JobListing.duration(-5) == "0:00:00")
        #expect(JobListing.duration(.nan) == "0:00:00")
        #expect(JobListing.duration(.infinity) == "0:00:00")
    }

    @Test func summaryNamesStatusHostAndDuration() {
        let j = job("0123abcd-0000-0000-0000-000000000000", .failed, startedAgo: 10, endedAgo: 8, code: 3)
        #expect(JobListing.summary(j, now: now) == "job 0123abcd failed [3] on h after 0:00:02")
        var u = job("0123abcd-0000-0000-0000-000000000000", .unknown, startedAgo: 10)
        u.reason = "gone\u{1b}[2J"
        #expect(!JobListing.summary(u, now: now).contains("\u{1b}"))
    }
}
