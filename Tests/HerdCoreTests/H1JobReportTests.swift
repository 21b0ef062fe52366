import Foundation
import HerdCore
import Testing

/// Crafted job-agent answers: only plausible values end a job; anything else leaves it `unknown` with a reason.
@Suite struct H1JobReportTests {
    static let id = "0a1b2c3d-0000-4000-8000-000000000000"
    static let job = Job(id: id, host: "h", command: ["true"], clientCwd: "/src", startedAt: Date(timeIntervalSince1970: 1_700_000_000))

    @Test(arguments: [
        ("@@job \(id) running", JobReport.running),
        ("@@job \(id) done 0 1700000100", .ended(code: 0, endedAt: Date(timeIntervalSince1970: 1_700_000_100))),
        ("@@job \(id) done 3 0", .ended(code: 3, endedAt: nil)),
        ("@@job \(id) done 255 -", .ended(code: 255, endedAt: nil)),
        ("@@job \(id) done -2147483648 1700000100", .ended(code: -2_147_483_648, endedAt: Date(timeIntervalSince1970: 1_700_000_100))),
        ("@@job \(id) missing", .unknown(reason: "not found on its host")),
        ("", .unknown(reason: "no answer from the host's agent")),
        ("@@job \(id) done 99999999999999999999 1700000100", .unknown(reason: "exit code out of range")),
        ("@@job \(id) done 2147483648 1700000100", .unknown(reason: "exit code out of range")),
        ("@@job \(id) done nan 1700000100", .unknown(reason: "exit code out of range")),
        ("@@job \(id) done ??? 1700000100", .unknown(reason: "exit code is not a number")),
        ("@@job \(id) done - 1700000100", .unknown(reason: "exit code is not a number")),
        ("@@job \(id) done 0 99999999999999999999", .unknown(reason: "end time out of range")),
        ("@@job \(id) done 0 1e300", .unknown(reason: "end time out of range")),
        ("@@job \(id) done 0 nan", .unknown(reason: "end time out of range")),
        ("@@job \(id) done 0 -5", .unknown(reason: "end time out of range")),
        ("@@job \(id) done 0 garbage", .unknown(reason: "end time out of range")),
        ("@@job \(id) done 0", .unknown(reason: "unexpected answer from the host's agent")),
        ("@@job \(id) done 0 1700000100 extra", .unknown(reason: "unexpected answer from the host's agent")),
        ("@@job \(id) exploded", .unknown(reason: "unexpected answer from the host's agent")),
        ("@@job \(id)  done 0 0", .unknown(reason: "unexpected answer from the host's agent")),
    ])
    func answers(_ text: String, _ expected: JobReport) {
        #expect(JobReport.parse(text, id: Self.id) == expected, "\(text)")
    }

    @Test func anotherJobsLinesAreIgnoredAndTheLastLineForThisJobCounts() {
        let other = "ffffffff-0000-4000-8000-000000000000"
        let text = "@@job \(other) done 0 1700000100\n@@job \(Self.id) done 1e300 0\n@@job \(Self.id) running\n@@job \(other) done 7 0"
        #expect(JobReport.parse(text, id: Self.id) == .running)
        #expect(JobReport.parse(text, id: other) == .ended(code: 7, endedAt: nil))
    }

    @Test func applyingAReport() {
        let now = Date(timeIntervalSince1970: 1_700_000_500)
        let failed = JobReport.ended(code: 3, endedAt: nil).applied(to: Self.job, now: now)
        #expect(failed.status == .failed && failed.exitCode == 3 && failed.endedAt == now && failed.reason == nil)
        let unknown = JobReport.unknown(reason: "exit code out of range").applied(to: Self.job)
        #expect(unknown.status == .unknown && unknown.exitCode == nil && unknown.statusText == "unknown: exit code out of range")
        let back = JobReport.running.applied(to: unknown)
        #expect(back.status == .running && back.reason == nil)
    }

    @Test func onlyUUIDShapedIdsAreWellFormed() {
        #expect(Job.isWellFormedID(Self.id))
        for bad in ["../../../etc", "", "0A1B2C3D-0000-4000-8000-000000000000", Self.id + "0", "0a1b2c3d-0000-4000-8000-00000000000/", "0a1b2c3d 0000-4000-8000-000000000000"] {
            #expect(!Job.isWellFormedID(bad), "\(bad)")
        }
    }
}
