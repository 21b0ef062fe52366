import Foundation
import HerdCore
import HerdEngine
import HerdService
import HerdStore
import HerdTestSupport
import Testing

/// `JobService.reconcile`: jobs that ended give their reservations back, expired reservations go, a reservation
/// whose job is gone is a reported leak, and with a bound a silent host's jobs keep their state, marked stale.
@Suite struct ReconcileTests {
    /// A home with hosts `names` (ssh targets equal to their names) and the services over it.
    static func home(_ dir: TempDir, hosts names: [String]) throws -> ServiceContext {
        let context = ServiceContext(home: HerdHome(root: URL(fileURLWithPath: dir.file("home"))), environment: [:])
        try context.roster.update { r in
            for n in names { _ = try r.add(Host(name: n, ssh: n)) }
        }
        return context
    }

    static func job(on host: String, status: JobStatus = .running) -> Job {
        Job(id: UUID().uuidString.lowercased(), host: host, command: ["sleep", "9"], clientCwd: "/src", startedAt: Date(), status: status)
    }

    @Test func anEndedJobGivesItsReservationBack() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let context = try Self.home(dir, hosts: ["ra01"])
        let store = try context.jobStore()
        let job = Self.job(on: "ra01")
        _ = try store.reserve(host: "ra01", ram: 20 << 30, gpus: 0, ttl: nil, note: "job", jobID: job.id, job: job) { _, _ in nil }
        let runner = FakeAgentRunner(["ra01": .answer([job.id: "done 0 0"])])
        let pass = try await JobService(context: context, runner: runner).reconcile()
        #expect(pass.jobs.first?.status == .done)
        #expect(pass.jobs.first?.checkedAt != nil)
        #expect(pass.released.map(\.jobID) == [job.id])
        #expect(try store.reservations().isEmpty)
        #expect(try store.job(id: job.id)?.status == .done)
    }

    @Test func expiredReservationsGoAndLeaksAreReleased() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let context = try Self.home(dir, hosts: ["rb01"])
        let store = try context.jobStore()
        let ghost = UUID().uuidString.lowercased()
        _ = try store.reserve(host: "rb01", ram: 2 << 30, gpus: 0, ttl: nil, note: "job", jobID: ghost) { _, _ in nil }
        let kept = try store.reserve(host: "rb01", ram: 3 << 30, gpus: 0, ttl: 3600, note: "manual") { _, _ in nil }
        // Booked last: every booking purges what expired by its own time.
        _ = try store.reserve(host: "rb01", ram: 1 << 30, gpus: 0, ttl: 60, note: "old", now: Date().addingTimeInterval(-120)) { _, _ in nil }
        let pass = try await JobService(context: context, runner: FakeAgentRunner([:])).reconcile()
        #expect(pass.expired.map(\.note) == ["old"])
        #expect(pass.leaks.map(\.jobID) == [ghost])
        #expect(pass.leakLines.count == 1 && pass.leakLines[0].contains(String(ghost.prefix(8))))
        #expect(try store.reservations().map(\.id) == [kept.id])
    }

    @Test func aSilentHostKeepsItsJobsStaleWithinTheBound() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let context = try Self.home(dir, hosts: ["rc01", "rc02"])
        let store = try context.jobStore()
        let frozen = Self.job(on: "rc01"), alive = Self.job(on: "rc02")
        try store.insert(frozen)
        try store.insert(alive)
        let runner = FakeAgentRunner(["rc01": .silent, "rc02": .answer([alive.id: "done 3 0"])])
        let start = ContinuousClock.now
        let pass = try await JobService(context: context, runner: runner).reconcile(within: .milliseconds(300))
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(pass.staleHosts == ["rc01"])
        let byID = Dictionary(uniqueKeysWithValues: pass.jobs.map { ($0.id, $0) })
        let kept = try #require(byID[frozen.id]), answered = try #require(byID[alive.id])
        #expect(kept.status == .running && pass.isStale(kept))
        #expect(answered.status == .failed && !pass.isStale(answered))
        #expect(try store.job(id: frozen.id)?.status == .running, "a silent host's job keeps its recorded state")
    }

    @Test func aRefusingHostMakesItsJobsUnknownNotStale() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let context = try Self.home(dir, hosts: ["rd01"])
        let store = try context.jobStore()
        let job = Self.job(on: "rd01")
        try store.insert(job)
        let pass = try await JobService(context: context, runner: FakeAgentRunner(["rd01": .refused])).reconcile(within: .seconds(5))
        #expect(pass.staleHosts.isEmpty, "a refusal is an answer: the host is down")
        #expect(pass.jobs.first?.status == .unknown && pass.jobs.first?.reason?.contains("Connection refused") == true)
    }

    /// The background pass runs once at a time per home: while one holds the lock another gives up at once (asks
    /// no host); when it is free the pass runs and records what the hosts say.
    @Test func aRecheckGivesUpWhileAnotherHoldsTheHomeAndRunsWhenFree() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let context = try Self.home(dir, hosts: ["re01"])
        let store = try context.jobStore()
        let job = Self.job(on: "re01")
        try store.insert(job)
        let service = JobService(context: context, runner: FakeAgentRunner(["re01": .answer([job.id: "done 0 0"])]))
        #expect(!service.recheckRunning)
        let busy = try await FileLock(path: context.home.reconcileLock.path).withLockIfFree { () async throws -> Reconciliation? in
            #expect(service.recheckRunning, "ps sees the pass running and starts none")
            return try await service.recheck()
        }
        #expect(!service.recheckRunning)
        #expect(busy != nil, "the test held the free lock")
        #expect(busy.flatMap { $0 } == nil, "a second pass while one runs does nothing")
        #expect(try store.job(id: job.id)?.status == .running)
        let pass = try await service.recheck()
        #expect(pass?.jobs.first?.status == .done)
        #expect(try store.job(id: job.id)?.status == .done)
        let known = try service.known()
        #expect(known.staleHosts.isEmpty && known.jobs.first?.status == .done)
    }

    /// A silent host does not hold the others back: the answering host's ended job is recorded and its reservation
    /// given back while the pass still waits for the silent one (10 s without a bound).
    @Test func anAnsweringHostIsRecordedWhileASilentOneIsStillAwaited() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let context = try Self.home(dir, hosts: ["rf01", "rf02"])
        let store = try context.jobStore()
        let frozen = Self.job(on: "rf01"), ended = Self.job(on: "rf02")
        try store.insert(frozen)
        _ = try store.reserve(host: "rf02", ram: 1 << 30, gpus: 0, ttl: nil, note: "job", jobID: ended.id, job: ended) { _, _ in nil }
        let runner = FakeAgentRunner(["rf01": .silent, "rf02": .answer([ended.id: "done 0 0"])])
        let pass = Task { try await JobService(context: context, runner: runner).reconcile() }
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline, try store.job(id: ended.id)?.status != .done {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(try store.job(id: ended.id)?.status == .done, "recorded before the silent host's 10 s ran out")
        #expect(try store.reservations().isEmpty, "its reservation is back already")
        pass.cancel()
        _ = try? await pass.value
    }
}
