import Foundation
#if canImport(Glibc)
import Glibc
#endif
import HerdCore
import HerdDaemonClient
import HerdTestSupport
import Testing

/// The client against a real HTTP/1.1 peer over a Unix socket (`FakeDaemon`): documents herd writes come back as
/// values, and a dead, slow, frozen, oversized or garbled daemon is a one-line `DaemonError` within the bound.
@Suite(.timeLimit(.minutes(1))) struct DaemonClientTests {
    static let hosts = [
        Host(name: "a1", ssh: "u@a1:2201"), Host(name: "b2", ssh: "u@b2", tags: ["gpu"]), Host(name: "c3", ssh: "c3"),
    ]

    /// A snapshot document exactly as herd's encoder writes it (the daemon uses the same one).
    static func snapshotJSON(takenAt: Date) throws -> String {
        let usage = HostUsage(
            os: "linux", kernel: "6.1", arch: "x86_64", cpus: 8, load: [0.5, 0.25, 0.1], memTotal: 16 << 30, memAvailable: 10 << 30,
            disk: DiskUsage(mount: "/", total: 100 << 30, used: 40 << 30, available: 60 << 30),
            gpus: [GPUUsage(index: 0, name: "A100", utilization: 3, memUsed: 1 << 30, memTotal: 40 << 30)], tools: ["git"], memPressure: 0.5)
        let states = [
            HostState(host: hosts[0], status: .complete, usage: usage, lastSeen: takenAt, latencyMs: 4.2),
            HostState(host: hosts[1], status: .unreachable, reasons: ["ssh: connect timed out"], lastSeen: takenAt.addingTimeInterval(-60)),
            HostState(host: hosts[2], status: .partial, reasons: ["df: bad line"], usage: HostUsage(cpus: 2), lastSeen: takenAt, latencyMs: 9),
        ]
        let doc = SnapshotDocument(Snapshot(takenAt: takenAt, hosts: states), now: takenAt, totals: true, reserved: [:])
        return try StructuredOutput.json(SourcedDocument(doc, source: .daemonCache(ageSeconds: 1.5)))
    }

    func withDaemon(_ body: (FakeDaemon) async throws -> Void) async throws {
        let daemon = try FakeDaemon()
        defer { daemon.stop() }
        try daemon.start()
        try await body(daemon)
    }

    @Test func snapshotRoundTrip() async throws {
        try await withDaemon { daemon in
            let taken = Date(timeIntervalSince1970: 1_800_000_000)
            try daemon.answer("/v1/snapshot", try Self.snapshotJSON(takenAt: taken))
            let cache = try await DaemonClient(socketPath: daemon.socketPath).snapshot()
            #expect(cache.takenAt == taken)
            #expect(cache.ageSeconds == 1.5)
            let snap = try cache.snapshot(of: Self.hosts)
            #expect(snap.hosts.map(\.host) == Self.hosts)
            #expect(snap.hosts.map(\.status) == [.complete, .unreachable, .partial])
            let u = try #require(snap.hosts[0].usage)
            #expect(u.memTotal == 16 << 30 && u.memAvailable == 10 << 30 && u.memUsed == 6 << 30)
            #expect(u.disk == DiskUsage(mount: "/", total: 100 << 30, used: 40 << 30, available: 60 << 30))
            #expect(u.gpus == [GPUUsage(index: 0, name: "A100", utilization: 3, memUsed: 1 << 30, memTotal: 40 << 30)])
            #expect(u.load == [0.5, 0.25, 0.1] && u.tools == ["git"] && u.memPressure == 0.5 && u.cpus == 8)
            #expect(snap.hosts[0].latencyMs == 4.2)
            #expect(snap.hosts[1].reasons == ["ssh: connect timed out"])
            #expect(snap.hosts[1].lastSeen == taken.addingTimeInterval(-60))
            // The rendering of the decoded snapshot is the rendering of the original.
            let again = SnapshotDocument(snap, now: taken, totals: true, reserved: [:])
            #expect(try StructuredOutput.json(SourcedDocument(again, source: .daemonCache(ageSeconds: 1.5))) == (try Self.snapshotJSON(takenAt: taken)))
        }
    }

    @Test func hostMissingFromTheCacheIsNamed() async throws {
        try await withDaemon { daemon in
            try daemon.answer("/v1/snapshot", try Self.snapshotJSON(takenAt: Date()))
            let cache = try await DaemonClient(socketPath: daemon.socketPath).snapshot()
            #expect(throws: DaemonError.badJSON("the daemon's cache has no host 'zz' (roster changed?)")) {
                try cache.snapshot(of: [Host(name: "zz", ssh: "zz")])
            }
        }
    }

    @Test func healthAndPost() async throws {
        try await withDaemon { daemon in
            try daemon.answer("/healthz", #"{"schema_version":1,"status":"ok","pid":4242,"started_at":"2027-01-15T08:00:00Z","home":"/h","version":"0.3"}"#)
            try daemon.answer("/v1/refresh", #"{"schema_version":1,"status":"ok"}"#)
            let client = DaemonClient(socketPath: daemon.socketPath)
            let h = try await client.health()
            #expect(h.pid == 4242 && h.home == "/h" && h.version == "0.3" && h.status == "ok")
            try await client.post("/v1/refresh")
            #expect(daemon.posts == "/v1/refresh {}\n")
        }
    }

    @Test func errorStatusCarriesTheDaemonsLine() async throws {
        try await withDaemon { daemon in
            try daemon.answer("/v1/snapshot", #"{"schema_version":1,"error":"no snapshot yet"}"#, status: 503)
            await #expect(throws: DaemonError.status(code: 503, message: "no snapshot yet")) {
                try await DaemonClient(socketPath: daemon.socketPath).snapshot()
            }
        }
    }

    @Test(arguments: ["{\"taken_at\": ", "[1,2]", "{\"taken_at\":\"2027-01-15T08:00:00Z\",\"hosts\":[{\"name\":\"a\",\"ssh\":\"a\",\"status\":\"exploded\"}]}", "\u{1b}[2J"])
    func badJSON(body: String) async throws {
        try await withDaemon { daemon in
            try daemon.answer("/v1/snapshot", body)
            await #expect(throws: DaemonError.self) {
                try await DaemonClient(socketPath: daemon.socketPath).snapshot()
            }
            do throws(DaemonError) { _ = try await DaemonClient(socketPath: daemon.socketPath).snapshot() } catch {
                guard case .badJSON = error else { Issue.record("expected badJSON, got \(error)"); return }
            }
        }
    }

    @Test func killedDaemonIsDetectedAtOnce() async throws {
        try await withDaemon { daemon in
            try daemon.answer("/healthz", #"{"status":"ok","pid":1,"started_at":"2027-01-15T08:00:00Z","home":"/h","version":"1"}"#)
            let client = DaemonClient(socketPath: daemon.socketPath)
            _ = try await client.health()
            daemon.killHard()
            #expect(FileManager.default.fileExists(atPath: daemon.socketPath))
            let start = ContinuousClock.now
            await #expect(throws: DaemonError.self) { try await client.health() }
            do throws(DaemonError) { _ = try await client.health() } catch { #expect(error.isAbsent) }
            #expect(ContinuousClock.now - start < .milliseconds(200))
        }
    }

    @Test func noSocketFileIsNoDaemon() async throws {
        let client = DaemonClient(socketPath: FileManager.default.temporaryDirectory.path + "/herd-c-none-\(UUID().uuidString.prefix(6)).sock")
        do throws(DaemonError) {
            _ = try await client.health()
            Issue.record("answered without a socket")
        } catch {
            #expect(error.isAbsent)
            #expect(error.description.hasPrefix("no daemon running"))
        }
    }

    @Test(arguments: ["/slow", "/stall"])
    func slowDaemonTimesOutWithinTheBound(path: String) async throws {
        try await withDaemon { daemon in
            let client = DaemonClient(socketPath: daemon.socketPath, timeout: .milliseconds(500))
            let start = ContinuousClock.now
            do throws(DaemonError) {
                _ = try await client.call("GET", path, limit: 1024)
                Issue.record("a slow daemon answered")
            } catch {
                guard case .timeout = error else { Issue.record("expected a timeout, got \(error)"); return }
            }
            let took = ContinuousClock.now - start
            #expect(took >= .milliseconds(450) && took < .milliseconds(1500))
        }
    }

    @Test func hugeBodyStopsAtTheLimit() async throws {
        try await withDaemon { daemon in
            let client = DaemonClient(socketPath: daemon.socketPath, timeout: .seconds(10))
            let start = ContinuousClock.now
            await #expect(throws: DaemonError.tooLarge(limit: 1 << 20)) {
                try await client.call("GET", "/huge", limit: 1 << 20)
            }
            #expect(ContinuousClock.now - start < .seconds(5))
        }
    }

    @Test func frozenDaemonThatNeverAcceptsTimesOut() async throws {
        // A listener that never accepts (a daemon stopped with SIGSTOP): the kernel queues the connection.
        let path = FileManager.default.temporaryDirectory.path + "/herd-c-frozen-\(UUID().uuidString.prefix(6)).sock"
        let fd = try FrozenListener.listen(path)
        defer { close(fd); unlink(path) }
        let client = DaemonClient(socketPath: path, timeout: .milliseconds(400))
        let start = ContinuousClock.now
        do throws(DaemonError) {
            _ = try await client.health()
            Issue.record("a frozen daemon answered")
        } catch {
            #expect(!error.isAbsent)
        }
        #expect(ContinuousClock.now - start < .milliseconds(1200))
    }
}

/// A Unix socket that listens and never accepts.
enum FrozenListener {
    static func listen(_ path: String) throws -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard fd >= 0, rc == 0, Glibc.listen(fd, 1) == 0 else { throw CocoaError(.fileWriteUnknown) }
        return fd
    }
}
