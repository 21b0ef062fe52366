import Foundation
import HerdCore
import HerdStore
import HerdTestSupport
import Testing

/// The job database around a launch: first opening by several processes at once, the launching record and its
/// reservation kept together, and their removal in one step.
@Suite struct JobStoreLaunchTests {
    @Test func manyFirstOpensAtOnceAllSucceed() async throws {
        for _ in 0..<5 {
            let dir = try TempDir()
            defer { dir.remove() }
            let home = HerdHome(root: URL(fileURLWithPath: dir.file("home")))
            let failures = await withTaskGroup(of: String?.self) { group in
                for _ in 0..<6 {
                    group.addTask { (try? JobStore(home: home)) == nil ? "failed" : nil }
                }
                return await group.reduce(into: [String]()) { if let f = $1 { $0.append(f) } }
            }
            #expect(failures.isEmpty)
        }
    }

    @Test func aLaunchingJobAndItsReservationComeAndGoTogether() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try JobStore(home: HerdHome(root: URL(fileURLWithPath: dir.file("home"))))
        let job = Job(id: "0123abcd-0000-0000-0000-000000000000", host: "h", command: ["true"], clientCwd: "/src", startedAt: Date(), status: .launching)
        // A refused reservation writes neither.
        #expect(throws: HerdError.self) {
            try store.reserve(host: "h", ram: 1 << 30, gpus: 0, ttl: nil, note: "", jobID: job.id, job: job) { _, _ in "does not fit" }
        }
        #expect(try store.jobs().isEmpty)
        _ = try store.reserve(host: "h", ram: 1 << 30, gpus: 0, ttl: nil, note: "", jobID: job.id, job: job) { _, _ in nil }
        #expect(try store.jobs(all: false).map(\.status) == [.launching], "a launching job is live (ps shows it)")
        #expect(try store.reservations().count == 1)
        #expect(try store.latest(host: "h", cwd: "/src") == nil, "a launching job's work dir seeds no sync")
        try store.finishLaunch(job)
        #expect(try store.jobs().map(\.status) == [.running])
        try store.forget(jobID: job.id)
        #expect(try store.jobs().isEmpty)
        #expect(try store.reservations().isEmpty)
        // A row removed while the job launched is written again: the job runs, so it stays tracked.
        try store.finishLaunch(job)
        #expect(try store.jobs().map(\.id) == [job.id])
    }
}
