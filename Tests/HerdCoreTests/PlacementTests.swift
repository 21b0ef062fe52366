import Foundation
import HerdCore
import Testing

@Suite struct RequirementsTests {
    @Test(arguments: [
        ("7b inference", UInt64(17) << 30, 1, [String](), nil as Int?),
        ("train a 13B model with cuda", UInt64(32) << 30, 1, [], nil),
        ("ollama run llama3 70b", UInt64(168) << 30, nil, ["ollama"], nil),
        ("heavy go build from git", UInt64(4) << 30, nil, ["go", "git"], nil),
        ("light python script", nil, nil, ["python3"], 1),
        ("1.5b docker", UInt64(4) << 30, nil, ["docker"], nil),
        ("nothing special", nil, nil, [], nil),
    ] as [(String, UInt64?, Int?, [String], Int?)])
    func infers(_ text: String, _ ram: UInt64?, _ gpus: Int?, _ tools: [String], _ cpus: Int?) {
        let r = Requirements.infer(text)
        #expect(r.ram == ram)
        #expect(r.gpus == gpus)
        #expect(r.tools == tools)
        #expect(r.cpus == cpus)
        #expect(r.explanation.isEmpty == (ram == nil && gpus == nil && tools.isEmpty && cpus == nil))
    }

    @Test func flagsWinOverInference() {
        let r = Requirements.infer("7b inference").overridden(by: Requirements(ram: 8 << 30, gpus: 0))
        #expect(r.ram == 8 << 30 && r.gpus == 0)
    }

    @Test(arguments: [("17G", UInt64(17) << 30), ("16GB", UInt64(16) << 30), ("512M", UInt64(512) << 20), ("1.5T", UInt64(3) << 39), ("8GiB", UInt64(8) << 30), ("1024B", UInt64(1024))])
    func sizes(_ text: String, _ bytes: UInt64) throws {
        #expect(try ByteSize.parse(text) == bytes)
    }

    @Test(arguments: ["", "G", "-5G", "12X", "abc"])
    func badSizes(_ text: String) {
        #expect(throws: HerdError.self) { try ByteSize.parse(text) }
    }
}

@Suite struct PlacementTests {
    static func state(_ name: String, total: UInt64, available: UInt64, gpus: Int = 0, gpuUtil: Double = 0, dedicated: Bool = false,
                      tools: [String] = ["git"], pressure: Double? = nil, up: Bool = true) -> HostState {
        let usage = HostUsage(
            os: "linux", cpus: 16, load: [1, 1, 1], memTotal: total << 30, memAvailable: available << 30,
            gpus: (0..<gpus).map { GPUUsage(index: $0, name: "A100", utilization: gpuUtil, memUsed: 0, memTotal: 80 << 30) },
            tools: tools, memPressure: pressure)
        return HostState(host: Host(name: name, ssh: name, shared: !dedicated), status: up ? .complete : .unreachable,
                         reasons: up ? [] : ["Connection refused"], usage: up ? usage : nil)
    }

    static let fleet: [HostState] = [
        state("big", total: 256, available: 200),
        state("gpu1", total: 128, available: 100, gpus: 2, gpuUtil: 5),
        state("gpu2", total: 128, available: 100, gpus: 4, gpuUtil: 90),
        state("ded", total: 512, available: 500, gpus: 8, dedicated: true),
        state("small", total: 30, available: 29),
        state("down", total: 64, available: 60, up: false),
        state("busy", total: 64, available: 8, pressure: 40),
    ]

    @Test func sameInputSameOrderAlways() {
        let needs = Requirements(ram: 17 << 30)
        let first = Placement.rank(Self.fleet, needs: needs, reserved: [:])
        for _ in 0..<20 {
            #expect(Placement.rank(Self.fleet.shuffled(), needs: needs, reserved: [:]) == first)
        }
        #expect(first.filter(\.fits).map(\.host) == ["big", "small", "gpu1", "gpu2"])
        #expect(!first.contains { $0.fits && $0.host == "ded" })
    }

    @Test func gpuWorkGoesToTheIdlestFreeGPU() {
        // gpu2's four GPUs are 90% busy: none of them is free, however many there are.
        let r = Placement.rank(Self.fleet, needs: Requirements(ram: 17 << 30, gpus: 1), reserved: [:])
        #expect(r.filter(\.fits).map(\.host) == ["gpu1"])
        #expect(r.first { $0.host == "gpu2" }?.reasons.first?.hasPrefix("needs 1 GPU(s), 0 free of 4") == true)
        let three = Placement.rank(Self.fleet, needs: Requirements(gpus: 3), reserved: [:])
        #expect(three.filter(\.fits).isEmpty)
    }

    @Test func theIncidentTwo17GJobsOnA30GHost() {
        let alone = [Self.state("small", total: 30, available: 29)]
        let first = Placement.rank(alone, needs: Requirements(ram: 17 << 30), reserved: [:])
        #expect(first[0].fits && first[0].allocatable == 29 << 30)
        let second = Placement.rank(alone, needs: Requirements(ram: 17 << 30), reserved: ["small": (17 << 30, 0)])
        #expect(!second[0].fits)
        #expect(second[0].reasons == ["needs 17G RAM, 12G allocatable (17G reserved)"])
    }

    @Test func rejectionsSayWhy() {
        let r = Placement.rank(Self.fleet, needs: Requirements(ram: 17 << 30, tools: ["ollama"]), reserved: [:])
        #expect(r.allSatisfy { !$0.fits })
        let why = Dictionary(uniqueKeysWithValues: r.map { ($0.host, $0.reasons) })
        #expect(why["ded"]?.first == "dedicated (only used when named)")
        #expect(why["down"] == ["unreachable: Connection refused"])
        #expect(why["big"] == ["no ollama"])
        #expect(why["busy"]?.contains("needs 17G RAM, 8.0G allocatable") == true)
    }
}
