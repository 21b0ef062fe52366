import Foundation
import HerdCore
import Testing

/// The context block (`herd context`, `herd chat`, the MCP `context` tool) for clusters of 3, 32 and 300 hosts,
/// compared with golden text in Fixtures/context; the size stays bounded however many hosts there are.
/// `HERD_RECORD_GOLDEN=1 swift test --filter ClusterContextTests` rewrites the goldens.
@Suite struct ClusterContextTests {
    static let t0 = Date(timeIntervalSince1970: 1_795_000_000)

    /// A cluster of `n` hosts `c001…`: every 7th unreachable, every 11th partial, every 5th with 2 GPUs (one busy),
    /// figures varied by index so the ordering is exercised; a few reservations and jobs.
    static func cluster(_ n: Int, query: String? = nil) -> ClusterContext {
        let states = (1...n).map { i -> HostState in
            let name = String(format: "c%03d", i)
            let host = Host(name: name, ssh: "u@\(name)", shared: i % 13 != 0)
            if i % 7 == 0 {
                let seen: Date = t0.addingTimeInterval(-Double(i * 60))
                let why: String = "ssh: connect to host \(name) port 22: Connection timed out"
                return HostState(host: host, status: .unreachable, reasons: [why], lastSeen: seen)
            }
            var gpus: [GPUUsage] = []
            if i % 5 == 0 {
                gpus.append(GPUUsage(index: 0, name: "NVIDIA A100\u{1b}[31m", utilization: 3, memUsed: 1 << 30, memTotal: 80 << 30))
                gpus.append(GPUUsage(index: 1, name: "NVIDIA A100", utilization: 97, memUsed: 70 << 30, memTotal: 80 << 30))
            }
            let cpus: Int = 8 * (1 + i % 4)
            let load: Double = Double(i % 9) * 0.5
            let totalGiB: UInt64 = UInt64(32 + (i % 3) * 32)
            let freeGiB: UInt64 = UInt64(2 + (i * 37) % 29)
            let usage = HostUsage(
                os: "linux", cpus: cpus, load: [load, 0, 0], memTotal: totalGiB << 30,
                memAvailable: freeGiB << 30, gpus: gpus, tools: ["git", "python3"])
            let partial: Bool = i % 11 == 0
            let status: HostStatus = partial ? .partial : .complete
            let reasons: [String] = partial ? ["disk: df failed"] : []
            return HostState(host: host, status: status, reasons: reasons, usage: usage, lastSeen: t0)
        }
        var reservations: [Reservation] = []
        var jobs: [Job] = []
        for i in 1...min(n, 12) {
            let name: String = String(format: "c%03d", i)
            if i % 3 == 1 {
                let expires: Date? = i % 2 == 0 ? nil : t0.addingTimeInterval(1800)
                let ram: UInt64 = UInt64(i) << 30
                reservations.append(Reservation(
                    id: String(format: "r%07d", i), host: name, ram: ram, gpus: i % 2, createdAt: t0, expiresAt: expires, note: "train \(i)"))
            }
            let started: Date = t0.addingTimeInterval(-Double(i * 90))
            let status: JobStatus = i % 4 == 0 ? .done : .running
            jobs.append(Job(
                id: String(format: "%08x-0000-0000-0000-000000000000", i), host: name, command: ["python3", "train.py", "--epoch", "\(i)"],
                clientCwd: "/src", startedAt: started, status: status))
        }
        let snapshot = Snapshot(takenAt: t0, hosts: states)
        let placement: PlacementAnswer? = query.map { q -> PlacementAnswer in
            let needs = Requirements.infer(q)
            return PlacementAnswer(query: q, requirements: needs, candidates: Placement.rank(states, needs: needs, reserved: [:]))
        }
        return ClusterContext(snapshot: snapshot, reservations: reservations, jobs: jobs, placement: placement, source: .live(takenAt: t0))
    }

    static func golden(_ name: String, _ text: String) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/context/\(name)")
        if ProcessInfo.processInfo.environment["HERD_RECORD_GOLDEN"] == "1" { try Data(text.utf8).write(to: url) }
        #expect(text == (try String(contentsOf: url, encoding: .utf8)), "golden \(name) differs; got:\n\(text)")
    }

    /// The bound every block keeps: at most 60 lines of at most 160 characters, no escape or control character.
    static func checkBound(_ text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count <= 60, "\(lines.count) lines")
        #expect(lines.allSatisfy { $0.count <= 160 })
        #expect(text.utf8.count <= 10_000, "\(text.utf8.count) bytes")
        #expect(!TerminalText.hasControlCharacters(text.replacingOccurrences(of: "\n", with: "")))
    }

    @Test(arguments: [3, 32, 300]) func goldenWithoutQuery(n: Int) throws {
        let text = Self.cluster(n).render(now: Self.t0.addingTimeInterval(5))
        try Self.golden("cluster-\(n).txt", text)
        Self.checkBound(text)
    }

    @Test(arguments: [3, 32, 300]) func goldenWithPlacement(n: Int) throws {
        let text = Self.cluster(n, query: "7b inference").render(now: Self.t0.addingTimeInterval(5))
        try Self.golden("cluster-\(n)-place.txt", text)
        Self.checkBound(text)
        #expect(text.contains("Placement for \"7b inference\": needs"))
    }

    /// 300 hosts shows 16 of them; the rest are counted by status and the ones that do not answer named as ranges.
    @Test func largeClusterIsSummarised() {
        let text = Self.cluster(300).render(now: Self.t0)
        #expect(text.contains("Hosts (16 of 300 shown):"))
        #expect(text.contains("… 284 more: "))
        #expect(text.contains("not answering: "))
        #expect(text.hasPrefix("herd cluster: 300 hosts, 258 up (complete 234, partial 24, unreachable 42)\n"))
    }

    /// The daemon's cache says so, with its age.
    @Test func sourceLine() {
        var c = Self.cluster(3)
        c.source = .daemonCache(takenAt: Self.t0)
        #expect(c.render(now: Self.t0.addingTimeInterval(42)).contains("\nSource: daemon-cache, 42s old (taken 2026-11-18T"))
        #expect(Self.cluster(3).render(now: Self.t0).contains("\nSource: live probe at 2026-11-18T"))
        // --cached when the daemon could not answer: a live probe, and why.
        c.source = .liveFallback(takenAt: Self.t0, reason: "no daemon: no daemon running (no socket at /h/herd.sock)")
        #expect(c.render(now: Self.t0).contains("\nSource: live probe at 2026-11-18T") && c.render(now: Self.t0).contains(
            " (no daemon cache: no daemon: no daemon running (no socket at /h/herd.sock))"))
        let doc = ClusterContextDocument(c, now: Self.t0)
        #expect(doc.source == "live-fallback" && doc.sourceReason == "no daemon: no daemon running (no socket at /h/herd.sock)")
        #expect(ClusterContextDocument(Self.cluster(3), now: Self.t0).sourceReason == nil)
    }

    /// A GPU name with an escape from a hostile host reaches the block without it.
    @Test func hostTextIsFiltered() {
        let text = Self.cluster(5).render(now: Self.t0)
        #expect(!text.contains("\u{1b}"))
    }

    /// The JSON form carries the block and the counts.
    @Test func document() throws {
        let doc = ClusterContextDocument(Self.cluster(32, query: "light"), now: Self.t0.addingTimeInterval(3))
        let json = try StructuredOutput.json(doc)
        #expect(json.contains("\"source\" : \"live\""))
        #expect(json.contains("\"hosts_total\" : 32"))
        #expect(json.contains("\"age_seconds\" : 3"))
        #expect(doc.statusCounts == ["complete": 26, "partial": 2, "unreachable": 4])
        #expect(doc.chosen != nil)
    }
}
