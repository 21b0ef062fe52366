import Foundation
@testable import HerdCore
import Testing

/// The `--json` / `--yaml` contract (docs/JSON.md) on constructed values: each document is compared with its golden
/// text in Fixtures/json. `HERD_RECORD_GOLDEN=1 swift test --filter StructuredOutputTests` rewrites the goldens.
@Suite struct StructuredOutputTests {
    static let t0 = Date(timeIntervalSince1970: 1_795_000_000)

    static let gpuHost = HostState(
        host: Host(name: "gpu1", ssh: "ubuntu@10.0.0.11:2222", sudo: true, os: "linux", description: "2x A100", tags: ["gpu"]),
        status: .complete, reasons: [],
        usage: HostUsage(
            os: "linux", kernel: "6.1.0", arch: "x86_64", cpus: 64, load: [1.5, 0.26, 0.1],
            memTotal: 270_000_000_000, memAvailable: 200_000_000_000,
            disk: DiskUsage(mount: "/", total: 1_000_000_000_000, used: 400_000_000_000, available: 600_000_000_000),
            gpus: [GPUUsage(index: 0, name: "NVIDIA A100", utilization: 37, memUsed: 1 << 30, memTotal: 80 << 30)],
            tools: ["git", "python3"], memPressure: 0.25),
        lastSeen: t0.addingTimeInterval(-2), latencyMs: 12.34)

    static let downHost = HostState(
        host: Host(name: "old", ssh: "old", shared: false, clean: false),
        status: .unreachable, reasons: ["ssh: connect to host old port 22: Connection refused"])

    static func golden(_ name: String, _ text: String) throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/json")
        if ProcessInfo.processInfo.environment["HERD_RECORD_GOLDEN"] == "1" {
            try Data(text.utf8).write(to: dir.appendingPathComponent(name))
        }
        let url = try #require(Bundle.module.url(forResource: "Fixtures/json/\(name)", withExtension: nil))
        #expect(text == (try String(contentsOf: url, encoding: .utf8)), "golden \(name) differs; got:\n\(text)")
    }

    @Test func snapshotDocument() throws {
        let doc = SnapshotDocument(Snapshot(takenAt: Self.t0, hosts: [Self.gpuHost, Self.downHost]), now: Self.t0, totals: true)
        try Self.golden("snapshot.json", try StructuredOutput.json(doc))
        try Self.golden("snapshot.yaml", try StructuredOutput.yaml(doc))
    }

    /// `herd snapshot` with the ledger read: `reserved_ram` per host (0 when none) and in the totals, and the
    /// probe's CPU model, addresses and disks in `usage`.
    @Test func snapshotWithReservationsAndFacts() throws {
        var gpu = Self.gpuHost
        gpu.usage?.cpuModel = "AMD EPYC 7543"
        gpu.usage?.addresses = ["eth0": ["10.0.0.11", "fe80::1"]]
        gpu.usage?.disks = [DiskUsage(mount: "/", total: 1_000_000_000_000, used: 400_000_000_000, available: 600_000_000_000),
                            DiskUsage(mount: "/data", total: 4_000_000_000_000, used: 1_000_000_000_000, available: 3_000_000_000_000)]
        let doc = SnapshotDocument(Snapshot(takenAt: Self.t0, hosts: [gpu, Self.downHost]), now: Self.t0, totals: true,
                                   reserved: ["gpu1": 17 << 30, "gone": 5 << 30])
        try Self.golden("snapshot-reserved.json", try StructuredOutput.json(doc))
        try Self.golden("snapshot-reserved.yaml", try StructuredOutput.yaml(doc))
    }

    @Test func lsDocumentHasNoTotals() throws {
        let doc = SnapshotDocument(Snapshot(takenAt: Self.t0, hosts: [Self.downHost]), now: Self.t0, totals: false)
        try Self.golden("ls.json", try StructuredOutput.json(doc))
    }

    @Test func rosterDocument() throws {
        let doc = RosterDocument(defaultHost: "gpu1", hosts: [Self.gpuHost.host, Self.downHost.host])
        try Self.golden("roster.json", try StructuredOutput.json(doc))
    }

    @Test func factsDocument() throws {
        let f = Facts(
            hostname: "box", os: "linux", kernel: "6.1.0", arch: "x86_64", cpuModel: "AMD EPYC", cores: 8,
            memTotal: 34_359_738_368, memAvailable: 17_179_869_184, memPressure: 0,
            disks: [DiskUsage(mount: "/", total: 100, used: 40, available: 60)],
            gpus: [GPUUsage(index: 0, name: "RTX 4090", utilization: nil, memUsed: 0, memTotal: 24 << 30)], addresses: ["enP1s0": ["10.0.0.2"]], tools: ["git": "/usr/bin/git", "nvidia-smi": "/usr/bin/nvidia-smi"])
        try Self.golden("facts.json", try StructuredOutput.json(f))
    }

    @Test func reservationsHaveISODatesAndSnakeCaseKeys() throws {
        let list = [
            Reservation(id: "1a2b3c4d", host: "gpu1", ram: 17 << 30, gpus: 1, createdAt: Self.t0, expiresAt: nil, note: "", jobID: "f00d"),
            Reservation(id: "5e6f7a8b", host: "gpu1", ram: 1 << 30, gpus: 0, createdAt: Self.t0, expiresAt: Self.t0.addingTimeInterval(2700), note: "eval"),
        ]
        try Self.golden("reservations.json", try StructuredOutput.json(ListDocument("reservations", list)))
    }

    /// The byte-level replacement behind the null of non-finite numbers: at the start, the end, back to back, with
    /// a partial match before a whole one, and no match (the bytes untouched).
    @Test func replacingBytesFindsEveryWholeOccurrence() {
        func replaced(_ text: String) -> String {
            var b = Array(text.utf8)
            StructuredOutput.replace(Array("\"XY\"".utf8), with: Array("null".utf8), in: &b)
            return String(decoding: b, as: UTF8.self)
        }
        #expect(replaced(#""XY",1,"XY""#) == "null,1,null")
        #expect(replaced(#""XY""XY""#) == "nullnull")
        #expect(replaced(#"["X"XY","XY"]"#) == #"["Xnull,null]"#)
        #expect(replaced(#"{"a":"XZ"}"#) == #"{"a":"XZ"}"#)
        #expect(replaced("") == "" && replaced("\"") == "\"" && replaced("é\"XY\"é") == "énullé")
    }

    /// A NaN or infinite number (from a hostile or broken host) is printed as null and never makes encoding throw.
    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteNumbersBecomeNull(_ value: Double) throws {
        var s = Self.gpuHost
        s.latencyMs = value
        s.usage?.load = [value, 1, 2]
        s.usage?.gpus[0].utilization = value
        let doc = SnapshotDocument(Snapshot(takenAt: Self.t0, hosts: [s]), now: Self.t0, totals: true)
        let json = try StructuredOutput.json(doc)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let host = try #require((object["hosts"] as? [[String: Any]])?.first)
        #expect(host["latency_ms"] is NSNull)
        #expect((host["usage"] as? [String: Any])?["load"] as? [NSObject] == [NSNull(), NSNumber(value: 1), NSNumber(value: 2)])
        // The totals leave implausible figures out (Plausible): the sum stays a finite number.
        #expect((object["aggregates"] as? [String: Any])?["load1"] as? Double == 0)
        #expect(!json.contains("non-finite"))
        let yaml = try StructuredOutput.yaml(doc)
        #expect(yaml.contains("latency_ms: null") && !yaml.contains("non-finite"))
    }

    /// A host-supplied string can never turn into the placeholder herd uses for non-finite numbers.
    @Test func stringsThatLookLikeThePlaceholderStayStrings() throws {
        var s = Self.downHost
        s.host.description = "herd-non-finite-00000000-0000-0000-0000-000000000000"
        let json = try StructuredOutput.json(SnapshotDocument(Snapshot(takenAt: Self.t0, hosts: [s]), now: Self.t0, totals: false))
        #expect(json.contains("\"description\" : \"herd-non-finite-00000000"))
    }
}

extension StructuredOutputTests {
    /// YAML strings that would read back as another type (empty, true, a number, null) are quoted.
    @Test func yamlQuotesStringsThatLookLikeOtherTypes() throws {
        let hosts = ["", "true", "12", "null", "plain"].enumerated().map { Host(name: "h\($0.offset)", ssh: "h", os: $0.element) }
        let yaml = try StructuredOutput.yaml(RosterDocument(defaultHost: nil, hosts: hosts))
        for expected in ["os: ''", "os: 'true'", "os: '12'", "os: 'null'", "os: plain"] {
            #expect(yaml.contains(expected + "\n"), "\(expected) in \(yaml)")
        }
    }
}
