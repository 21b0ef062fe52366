import Foundation
import HerdCore
import Testing

/// axis's placement rules: free GPUs are idle ones with enough memory, axis's +25 GPU / +10 local terms and the
/// `(remote|local, fit N/100)` label, keyword inference that raises free RAM, and `heavy` as a preference.
@Suite struct H8GPUPlacementTests {
    static func gpu(_ i: Int, util: Double?, freeG: UInt64, totalG: UInt64 = 80) -> GPUUsage {
        GPUUsage(index: i, name: "A100", utilization: util, memUsed: (totalG - freeG) << 30, memTotal: totalG << 30)
    }

    static func host(_ name: String, cpus: Int = 16, total: UInt64 = 128, available: UInt64 = 100, gpus: [GPUUsage] = [], local: Bool = false) -> HostState {
        let usage = HostUsage(os: "linux", cpus: cpus, load: [0.5, 0.5, 0.5], memTotal: total << 30, memAvailable: available << 30, gpus: gpus, tools: [])
        let h = local ? Host.local(os: "linux") : Host(name: name, ssh: name)
        return HostState(host: h, status: .complete, reasons: [], usage: usage)
    }

    /// The case: an idle 2×A100 host and a host whose only GPU is 97% busy with 2 GB free (both scored 61).
    @Test func idleTwoA100OutranksABusyGPU() throws {
        let idle = Self.host("idle", gpus: [Self.gpu(0, util: 0, freeG: 80), Self.gpu(1, util: 0, freeG: 80)])
        let busy = Self.host("busy", gpus: [Self.gpu(0, util: 97, freeG: 2)])
        for order in [[idle, busy], [busy, idle]] {
            let r = Placement.rank(order, needs: Requirements(gpus: 1), reserved: [:])
            #expect(r.map(\.host) == ["idle", "busy"])
            #expect(r[0].fits && !r[1].fits)
            #expect(r[0].reasons.contains("2 free GPU(s) of 2 (+25 GPU)"))
            #expect(r[0].reasons.contains("GPU 0 A100: 0% busy, 80G free of 80G"))
            #expect(r[1].reasons.contains("GPU 0 A100: 97% busy, 2.0G free of 80G"), "\(r[1].reasons)")
            #expect(r[0].label == "(remote, fit \(r[0].score)/100)" && r[1].label == "(remote, no fit)")
            #expect(r[0].score >= 75)
        }
    }

    /// Among fitting hosts, a GPU at 5% scores below an idle one, and two free GPUs rank above one.
    @Test func idlerAndMoreFreeGPUsRankFirst() {
        let one = Self.host("one", gpus: [Self.gpu(0, util: 0, freeG: 80)])
        let two = Self.host("two", gpus: [Self.gpu(0, util: 0, freeG: 80), Self.gpu(1, util: 0, freeG: 80)])
        let warm = Self.host("warm", gpus: [Self.gpu(0, util: 8, freeG: 80), Self.gpu(1, util: 9, freeG: 80)])
        let r = Placement.rank([warm, one, two], needs: Requirements(gpus: 1), reserved: [:])
        #expect(r.map(\.host) == ["two", "warm", "one"])
        let score = Dictionary(uniqueKeysWithValues: r.map { ($0.host, $0.score) })
        #expect(score["two"] == score["one"])
        #expect((score["warm"] ?? 0) < (score["two"] ?? 0))
    }

    @Test(arguments: [
        // (free memory of its one idle GPU in G, --gpu-mem in G, fits)
        (UInt64(40), UInt64?.none, true), (40, 20, true), (10, 20, false), (20, 20, true), (0, nil, false), (1, nil, true),
    ] as [(UInt64, UInt64?, Bool)])
    func gpuMemory(_ freeG: UInt64, _ needG: UInt64?, _ fits: Bool) {
        let h = Self.host("g", gpus: [Self.gpu(0, util: 0, freeG: freeG)])
        let r = Placement.rank([h], needs: Requirements(gpus: 1, gpuMem: needG.map { $0 << 30 }), reserved: [:])
        #expect(r[0].fits == fits, "\(r[0].reasons)")
    }

    /// A reserved GPU is not free, whether its job has started (busy) or not (idle).
    @Test func reservedGPUsAreNotCountedTwice() {
        let started = Self.host("s", gpus: [Self.gpu(0, util: 95, freeG: 10), Self.gpu(1, util: 0, freeG: 80)])
        let waiting = Self.host("w", gpus: [Self.gpu(0, util: 0, freeG: 80), Self.gpu(1, util: 0, freeG: 80)])
        let r = Placement.rank([started, waiting], needs: Requirements(gpus: 1), reserved: ["s": (0, 1), "w": (0, 1)])
        #expect(r.allSatisfy { $0.fits })
        let two = Placement.rank([started, waiting], needs: Requirements(gpus: 2), reserved: ["s": (0, 1), "w": (0, 1)])
        #expect(two.allSatisfy { !$0.fits })
    }

    /// Unknown utilisation counts as idle; implausible figures never trap and never make a GPU free by accident.
    @Test func hostileGPUFigures() {
        let odd = [
            GPUUsage(index: 0, name: "x", utilization: .nan, memUsed: 1, memTotal: 0),
            GPUUsage(index: 1, name: "\u{1b}[31mred", utilization: -5, memUsed: UInt64.max, memTotal: UInt64.max),
            GPUUsage(index: 2, name: "y", utilization: nil, memUsed: nil, memTotal: nil),
        ]
        let r = Placement.rank([Self.host("odd", gpus: odd)], needs: Requirements(gpus: 3, gpuMem: 2 << 30), reserved: [:])
        #expect(!r[0].fits)
        #expect(r[0].reasons.allSatisfy { !$0.contains("\u{1b}") })
        let unknown = Placement.rank([Self.host("n", gpus: [odd[2]])], needs: Requirements(gpus: 1), reserved: [:])
        #expect(unknown[0].fits)
    }

    /// axis's +10 for the local node, and locality breaks ties in the ranking.
    @Test func theLocalNodeGetsTenAndWinsTies() {
        let remote = Self.host("remote")
        let local = Self.host("local", local: true)
        let r = Placement.rank([remote, local], needs: Requirements(ram: 1 << 30), reserved: [:])
        #expect(r.map(\.host) == ["local", "remote"])
        #expect(r[0].score == r[1].score + 10)
        #expect(r[0].label == "(local, fit \(r[0].score)/100)" && r[1].label == "(remote, fit \(r[1].score)/100)")
        #expect(r[0].reasons.contains("this machine (+10 local)") && r[0].local && !r[1].local)
        // Without a GPU requirement no host scores over 90 remotely; the local node can reach 100.
        let empty = Placement.rank([Self.host("e", available: 127)], needs: Requirements(), reserved: [:])
        #expect(empty[0].score <= 90)
    }

    /// "run a heavy model" on machines with fewer than 8 cores: they fit; a machine with 8+ cores ranks first.
    @Test func heavyIsAPreferenceNotAConstraint() {
        let needs = Requirements.infer("run a heavy model")
        #expect(needs.cpus == nil && needs.preferredCpus == 8 && needs.ram == 4 << 30)
        let small = [Self.host("a", cpus: 2, total: 8, available: 6), Self.host("b", cpus: 4, total: 8, available: 6)]
        let r = Placement.rank(small, needs: needs, reserved: [:])
        #expect(r.allSatisfy { $0.fits })
        #expect(r[0].reasons.contains("only 4 cores (heavy prefers 8)") || r[0].reasons.contains("only 2 cores (heavy prefers 8)"))
        let mixed = Placement.rank(small + [Self.host("big", cpus: 32, total: 8, available: 6)], needs: needs, reserved: [:])
        #expect(mixed.first?.host == "big")
        // --cpu stays a hard constraint.
        let hard = Placement.rank(small, needs: needs.overridden(by: Requirements(cpus: 8)), reserved: [:])
        #expect(hard.allSatisfy { !$0.fits })
    }

    @Test(arguments: [
        ("model", UInt64(4) << 30, nil as Int?), ("heavy", 4 << 30, nil), ("inference", 8 << 30, 1),
        ("7b", 17 << 30, nil), ("7b model", 17 << 30, nil), ("inference on a small model", 8 << 30, 1),
        ("70b inference", 168 << 30, 1), ("a light task", nil, nil),
    ] as [(String, UInt64?, Int?)])
    func keywordsRaiseFreeRAM(_ text: String, _ ram: UInt64?, _ gpus: Int?) {
        let r = Requirements.infer(text)
        #expect(r.ram == ram)
        #expect(r.gpus == gpus)
        #expect(ram == nil || !r.explanation.isEmpty)
    }

    @Test func gpuMemFlagWinsAndIsExplained() {
        let r = Requirements.infer("inference").overridden(by: Requirements(gpuMem: 20 << 30))
        #expect(r.gpuMem == 20 << 30 && r.explanation.contains("--gpu-mem 20G"))
    }
}
