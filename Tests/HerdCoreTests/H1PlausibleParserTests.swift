import Foundation
import HerdCore
import Testing

/// Every probe parser with absurd figures: the figure becomes unknown, the reason names it, nothing traps.
@Suite struct H1PlausibleParserTests {
    static let absurd = ["18446744073709551615", "18446744073709551616", "99999999999999999999999", "-1", "nan", "inf", "-inf", "1e308"]

    /// A whole Linux probe with `meminfo`, `df` and `gpu` sections as given.
    static func probe(load: String = "0.10 0.20 0.30 1/80 8335", nproc: String = "8", meminfo: [String]? = nil,
                      df: String = "/dev/sda1 1000 400 600 40% /", gpu: String? = nil, psi: String? = nil) -> String {
        let mem = meminfo ?? ["MemTotal: 16000000 kB", "MemAvailable: 8000000 kB"]
        var t = "@@uname\nLinux 6.1.0 x86_64\n@@nproc\n\(nproc)\n@@loadavg\n\(load)\n@@meminfo\n" + mem.joined(separator: "\n") + "\n"
        if let psi { t += "@@psi\n\(psi)\n" }
        t += "@@df\nFilesystem 1024-blocks Used Available Capacity Mounted on\n\(df)\n"
        if let gpu { t += "@@gpu\n\(gpu)\n" }
        return t + "@@end\n"
    }

    @Test func aPlainProbeIsComplete() {
        let r = ProbeParser.parse(Self.probe(gpu: "0, NVIDIA A100, 50, 1000, 81920"))
        #expect(r.problems.isEmpty)
        #expect(r.usage.memTotal == 16_000_000 * 1024 && r.usage.gpus.first?.memTotal == 81920 << 20)
    }

    @Test(arguments: absurd)
    func memTotal(_ v: String) {
        let r = ProbeParser.parse(Self.probe(meminfo: ["MemTotal: \(v) kB", "MemAvailable: 8000000 kB"]))
        #expect(r.usage.memTotal == nil)
        #expect(r.problems.contains("meminfo: MemTotal out of range"), "\(r.problems)")
        #expect(r.usage.disk != nil && r.usage.load != nil, "the other figures stay")
    }

    @Test(arguments: absurd)
    func memAvailableAndTheOldKernelSum(_ v: String) {
        let a = ProbeParser.parse(Self.probe(meminfo: ["MemTotal: 16000000 kB", "MemAvailable: \(v) kB"]))
        #expect(a.usage.memTotal == 16_000_000 * 1024 && a.usage.memAvailable == nil)
        #expect(a.problems == ["meminfo: MemAvailable out of range"])
        let b = ProbeParser.parse(Self.probe(meminfo: ["MemTotal: 16000000 kB", "MemFree: 1000 kB", "Buffers: \(v) kB", "Cached: 1 kB"]))
        #expect(b.usage.memAvailable == nil && b.problems == ["meminfo: Buffers out of range"])
    }

    @Test func memoryJustInsideAndJustOutside() {
        let maxKB = Plausible.memoryBytes.upperBound / 1024
        let inside = ProbeParser.parse(Self.probe(meminfo: ["MemTotal: \(maxKB) kB", "MemAvailable: \(maxKB) kB"]))
        #expect(inside.problems.isEmpty && inside.usage.memTotal == Plausible.memoryBytes.upperBound)
        let outside = ProbeParser.parse(Self.probe(meminfo: ["MemTotal: \(maxKB + 1) kB", "MemAvailable: 1 kB"]))
        #expect(outside.usage.memTotal == nil && outside.problems == ["meminfo: MemTotal out of range"])
        // 2^64 kB: the number itself fits no UInt64.
        let huge = ProbeParser.parse(Self.probe(meminfo: ["MemTotal: 18446744073709551616 kB", "MemAvailable: 1 kB"]))
        #expect(huge.problems == ["meminfo: MemTotal out of range"])
    }

    @Test(arguments: absurd + ["1152921504606846976"])
    func disk(_ v: String) {
        for line in ["/dev/sda1 \(v) 400 600 40% /", "/dev/sda1 1000 \(v) 600 40% /", "/dev/sda1 1000 400 \(v) 40% /"] {
            let r = ProbeParser.parse(Self.probe(df: line))
            #expect(r.usage.disk == nil, "\(line)")
            #expect(r.problems.count == 1 && r.problems[0].hasPrefix("df: /: ") && r.problems[0].hasSuffix("out of range"), "\(r.problems)")
        }
    }

    @Test func dfKeepsThePlausibleFilesystems() {
        let d = DFParser.parse(["/dev/a 1000 400 600 40% /data", "/dev/b 1152921504606846976 1 1 1% /huge", "tmpfs - - - - /run"])
        #expect(d.disks.map(\.mount) == ["/data"])
        #expect(d.problems == ["/huge: size out of range"])
    }

    @Test(arguments: absurd + ["17592186044416"])
    func gpuMemory(_ v: String) {
        let r = ProbeParser.parse(Self.probe(gpu: "0, GPU, 50, \(v), \(v)"))
        #expect(r.usage.gpus.count == 1 && r.usage.gpus[0].memUsed == nil && r.usage.gpus[0].memTotal == nil)
        #expect(r.problems == ["nvidia-smi: GPU 0 memory.used out of range", "nvidia-smi: GPU 0 memory.total out of range"])
    }

    @Test(arguments: ["101", "-1", "nan", "inf", "1e300"])
    func gpuUtilization(_ v: String) {
        let r = ProbeParser.parse(Self.probe(gpu: "0, GPU, \(v), 1, 2"))
        #expect(r.usage.gpus.first?.utilization == nil && r.usage.gpuUtilization == nil)
        #expect(r.problems == ["nvidia-smi: GPU 0 utilization out of range"])
    }

    @Test func gpuNotSupportedIsNotAProblemButAHugeIndexOrTooManyGPUsAre() {
        #expect(ProbeParser.parse(Self.probe(gpu: "0, GPU, [N/A], [Not Supported], [N/A]")).problems.isEmpty)
        #expect(ProbeParser.parse(Self.probe(gpu: "99999999999999999999, GPU, 1, 1, 1")).problems == ["nvidia-smi: unexpected line"])
        let many = (0..<300).map { "\($0 % 1000), G, 1, 1, 1" }.joined(separator: "\n")
        #expect(ProbeParser.parse(Self.probe(gpu: many)).problems == ["nvidia-smi: more than 256 GPUs"])
    }

    @Test(arguments: ["nan 1 1", "inf 1 1", "-1 1 1", "1 1 1e300", "1 1 9999999"])
    func load(_ v: String) {
        let r = ProbeParser.parse(Self.probe(load: v))
        #expect(r.usage.load == nil && r.problems == ["loadavg: out of range"])
    }

    @Test(arguments: ["0", "-4", "1000000000000", "99999999999999999999999", "nan"])
    func cpus(_ v: String) {
        let r = ProbeParser.parse(Self.probe(nproc: v))
        #expect(r.usage.cpus == nil && r.problems == ["nproc: out of range"])
    }

    @Test(arguments: ["some avg10=nan avg60=0 avg300=0 total=1", "some avg10=101.5 avg60=0", "some avg10=-3 avg60=0"])
    func pressure(_ v: String) {
        let r = ProbeParser.parse(Self.probe(psi: v))
        #expect(r.usage.memPressure == nil && r.problems == ["psi: avg10 out of range"])
    }

    @Test func macOSMemsizeCpusAndVMStat() {
        func mac(_ memsize: String, _ ncpu: String, page: String = "16384", free: String = "100.") -> ProbeParser.Result {
            ProbeParser.parse("""
                @@uname\nDarwin 23.1.0 arm64\n@@sysctl\n{ 1.0 1.0 1.0 }\n\(memsize)\n\(ncpu)
                @@vmstat\nMach Virtual Memory Statistics: (page size of \(page) bytes)\nPages free:  \(free)
                @@df\n/dev/disk1 1000 400 600 40% /\n@@end\n
                """)
        }
        #expect(mac("17179869184", "10").problems.isEmpty)
        #expect(mac("18446744073709551615", "10").problems == ["sysctl hw.memsize: out of range"])
        #expect(mac("17179869184", "1000000000000").problems == ["sysctl hw.ncpu: out of range"])
        #expect(mac("17179869184", "10", page: "18446744073709551615").problems == ["vm_stat: page size out of range"])
        let overflow = mac("17179869184", "10", free: "18446744073709551615.")
        #expect(overflow.usage.memAvailable == nil && overflow.problems == ["vm_stat: available memory out of range"])
    }

    @Test func overlongUnameAndUnknownToolsAreNotTaken() {
        let long = String(repeating: "k", count: 65)
        let r = ProbeParser.parse(Self.probe().replacingOccurrences(of: "Linux 6.1.0 x86_64", with: "Linux \(long) x86_64") + "@@tools\n git evil\u{1B}]0;x rsync \(long)\n")
        #expect(r.usage.kernel == nil && r.problems.count == 1 && r.problems[0].hasPrefix("uname: unexpected"))
        #expect(r.usage.tools == ["git", "rsync"])
    }

    @Test func percentUsedStaysWithinZeroToHundredForAnyFigures() {
        let values: [UInt64] = [0, 1, 99, 100, UInt64.max / 100, UInt64.max / 100 + 1, UInt64.max / 2, UInt64.max - 1, UInt64.max]
        for used in values {
            for avail in values {
                let p = DiskUsage(mount: "/", total: 0, used: used, available: avail).percentUsed
                #expect((0...100).contains(p), "\(used) \(avail) → \(p)")
            }
        }
        #expect(DiskUsage(mount: "/", total: 0, used: UInt64.max, available: 0).percentUsed == 100)
    }

    @Test func formattingAndAggregatesNeverTrap() {
        for v in [Double.nan, .infinity, -.infinity, 1e300, -1e300, 9.3e18] {
            _ = UsageFormat.age(v)
            _ = UsageFormat.millis(v)
            _ = UsageFormat.load(v)
        }
        #expect(UsageFormat.age(.nan) == "?" && UsageFormat.millis(.infinity) == "?" && UsageFormat.load(.nan) == "?")
        #expect(UsageFormat.bytes(UInt64.max) == "16384P")
        let u = HostUsage(cpus: Int.max, load: [.nan, 0, 0], memTotal: .max, memAvailable: 0, disk: DiskUsage(mount: "/", total: .max, used: .max, available: 0),
                          gpus: [GPUUsage(index: 0, name: "g", utilization: .nan, memUsed: .max, memTotal: .max)], memPressure: .infinity)
        let states = (0..<3).map { HostState(host: HerdCore.Host(name: "h\($0)", ssh: "h\($0)"), status: .complete, usage: u) }
        let agg = Snapshot(takenAt: Date(), hosts: states).aggregates
        #expect(agg.memTotal == .max && agg.diskUsed == .max && agg.cpus == Int.max && agg.load1 == 0)
        #expect(UsageFormat.gpu(u) == "?")
        let ranked = Placement.rank(states, needs: Requirements(ram: 1 << 30, gpus: 1), reserved: ["h0": (UInt64.max, Int.min), "h1": (UInt64.max, Int.max)])
        #expect(ranked.allSatisfy { (0...100).contains($0.score) })
    }
}
