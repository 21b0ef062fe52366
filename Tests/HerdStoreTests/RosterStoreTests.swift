import Foundation
import HerdCore
import HerdStore
import HerdTestSupport
import Testing

@Suite struct RosterStoreTests {
    @Test func missingFileIsAnEmptyRosterAndUpdateCreatesIt() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = RosterStore(home: HerdHome(root: URL(fileURLWithPath: dir.file("state"))))
        #expect(try store.load().isEmpty)
        try store.update { try $0.add(Host(name: "a", ssh: "u@a")) }
        #expect(try store.load().hosts.map(\.name) == ["a"])
        let attrs = try FileManager.default.attributesOfItem(atPath: dir.file("state"))
        #expect((attrs[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.file("state")).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func corruptFileIsNeverOverwritten() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let home = HerdHome(root: URL(fileURLWithPath: dir.path))
        let corrupt = Data(#"{"hosts": [{"name": "a", "ssh": "#.utf8)
        try corrupt.write(to: home.hostsFile)
        let store = RosterStore(home: home)
        #expect(throws: HerdError.badFile(file: home.hostsFile.path, message: "line 1, column 33: unexpected end of file, expected a value")) {
            try store.update { try $0.add(Host(name: "b", ssh: "b")) }
        }
        #expect(try Data(contentsOf: home.hostsFile) == corrupt)
    }

    @Test func failedChangeWritesNothing() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let home = HerdHome(root: URL(fileURLWithPath: dir.path))
        let store = RosterStore(home: home)
        try store.update { try $0.add(Host(name: "a", ssh: "a")) }
        let before = try Data(contentsOf: home.hostsFile)
        #expect(throws: HerdError.self) { try store.update { try $0.add(Host(name: "a", ssh: "again")) } }
        #expect(try Data(contentsOf: home.hostsFile) == before)
    }

    @Test func concurrentUpdatesFromThreadsAllLand() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = RosterStore(home: HerdHome(root: URL(fileURLWithPath: dir.path)))
        await withTaskGroup(of: Void.self) { group in
            for i in 0..<16 {
                group.addTask { _ = try? store.update { try $0.add(Host(name: "h\(i)", ssh: "h\(i)")) } }
            }
        }
        #expect(try store.load().hosts.count == 16)
    }

    @Test func homeComesFromTheEnvironment() {
        #expect(HerdHome.fromEnvironment(["HERD_HOME": "/x/y"]).hostsFile.path == "/x/y/hosts.json")
        #expect(HerdHome.fromEnvironment(["HOME": "/home/u"]).root.path == "/home/u/.herd")
    }
}

@Suite struct SightingStoreTests {
    @Test func recordsTheLatestSightingAndSurvivesCorruption() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = SightingStore(home: HerdHome(root: URL(fileURLWithPath: dir.path)))
        #expect(store.load().isEmpty)
        let t1 = Date(timeIntervalSince1970: 1000), t2 = Date(timeIntervalSince1970: 2000)
        try store.record(Snapshot(takenAt: t2, hosts: [HostState(host: Host(name: "a", ssh: "a"), status: .complete, lastSeen: t2)]))
        try store.record(Snapshot(takenAt: t1, hosts: [
            HostState(host: Host(name: "a", ssh: "a"), status: .unreachable, lastSeen: t1),
            HostState(host: Host(name: "b", ssh: "b"), status: .complete, lastSeen: t1),
        ]))
        #expect(store.load() == ["a": t2, "b": t1])
        try Data("{nope".utf8).write(to: URL(fileURLWithPath: dir.file("seen.json")))
        #expect(store.load().isEmpty)
        try store.record(Snapshot(takenAt: t1, hosts: [HostState(host: Host(name: "c", ssh: "c"), status: .complete, lastSeen: t1)]))
        #expect(store.load() == ["c": t1])
    }
}

@Suite struct ReservationLedgerTests {
    @Test func expiredReservationsArePurgedOnRead() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try JobStore(home: HerdHome(root: URL(fileURLWithPath: dir.path)))
        let t0 = Date(timeIntervalSince1970: 1_000_000)
        let a = try store.reserve(host: "h", ram: 4 << 30, gpus: 0, ttl: 45 * 60, note: "a", now: t0) { _, _ in nil }
        _ = try store.reserve(host: "h", ram: 2 << 30, gpus: 1, ttl: nil, note: "job", jobID: "j1", now: t0) { _, _ in nil }
        #expect(try store.reservations(now: t0.addingTimeInterval(44 * 60)).map(\.id).contains(a.id))
        let later = try store.reservations(now: t0.addingTimeInterval(46 * 60))
        #expect(later.map(\.note) == ["job"])
        #expect(try store.reservedByHost(now: t0.addingTimeInterval(46 * 60))["h"]?.ram == 2 << 30)
        try store.release(jobID: "j1")
        #expect(try store.reservations(now: t0).isEmpty)
    }

    @Test func concurrentBookingsOfTheSameRAMLetExactlyOneIn() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let home = HerdHome(root: URL(fileURLWithPath: dir.path))
        _ = try JobStore(home: home)
        let cap: UInt64 = 29 << 30
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    // Separate connections, as separate herd processes would have.
                    guard let store = try? JobStore(home: home) else { return false }
                    return (try? store.reserve(host: "h", ram: 17 << 30, gpus: 0, ttl: 60, note: "") { reserved, _ in
                        reserved + (17 << 30) > cap ? "full" : nil
                    }) != nil
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 1)
    }
}
