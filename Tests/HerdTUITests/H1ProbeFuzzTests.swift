import Foundation
import HerdCore
import HerdTUI
import Testing

/// A seeded random generator (SplitMix64): the same seed gives the same inputs, so a failure can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Probe texts a hostile or broken host could send: real sections with random and extreme numbers, random bytes,
/// huge lines, sections repeated, cut or missing.
struct HostileProbe {
    var rng: SplitMix64

    static let extremes = [
        "18446744073709551615", "18446744073709551616", "9223372036854775807", "9223372036854775808", "4294967296",
        "99999999999999999999999999", "-1", "-9223372036854775808", "0", "nan", "NaN", "inf", "-inf", "1e308", "1e-308",
        "", " ", "0x10", "1.5", "17592186044416", "1152921504606846976", "[N/A]", "1,5",
    ]

    mutating func number() -> String {
        switch Int.random(in: 0..<6, using: &rng) {
        case 0, 1: return Self.extremes.randomElement(using: &rng) ?? "0"
        case 2: return String(UInt64.random(in: 0...UInt64.max, using: &rng))
        case 3: return String(Int.random(in: -1000...100_000_000, using: &rng))
        case 4: return String(Double.random(in: -1e6...1e20, using: &rng))
        default: return String(UInt64.random(in: 0...200, using: &rng))
        }
    }

    mutating func bytes(_ n: Int) -> String {
        String(decoding: (0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) }, as: UTF8.self)
    }

    mutating func section(_ name: String) -> [String] {
        var lines = ["@@" + name]
        switch name {
        case "uname": lines.append(["Linux 6.1.0 x86_64", "Darwin 23.1 arm64", bytes(20), "Linux"].randomElement(using: &rng) ?? "")
        case "nproc": lines.append(number())
        case "loadavg": lines.append("\(number()) \(number()) \(number()) 1/80 8335")
        case "psi": lines.append("some avg10=\(number()) avg60=0.00 avg300=0.00 total=1")
        case "meminfo":
            for k in ["MemTotal:", "MemFree:", "MemAvailable:", "Buffers:", "Cached:"] where Bool.random(using: &rng) {
                lines.append("\(k) \(number()) \(Bool.random(using: &rng) ? "kB" : "")")
            }
        case "sysctl": lines += ["{ \(number()) \(number()) \(number()) }", number(), number()]
        case "vmstat":
            lines.append("Mach Virtual Memory Statistics: (page size of \(number()) bytes)")
            for k in ["Pages free", "Pages inactive", "Pages speculative", "Pages purgeable"] { lines.append("\(k): \(number()).") }
        case "df":
            lines.append("Filesystem 1024-blocks Used Available Capacity Mounted on")
            for _ in 0..<Int.random(in: 0...3, using: &rng) {
                lines.append("/dev/sda1 \(number()) \(number()) \(number()) \(number())% \(["/", "/data", "/a b"].randomElement(using: &rng) ?? "/")")
            }
        case "gpu":
            for i in 0..<Int.random(in: 0...4, using: &rng) {
                lines.append("\(Bool.random(using: &rng) ? String(i) : number()), GPU \(i), \(number()), \(number()), \(number())")
            }
        default: lines.append(bytes(Int.random(in: 0...40, using: &rng)))
        }
        return lines
    }

    mutating func text() -> String {
        if Int.random(in: 0..<10, using: &rng) == 0 {
            let kb = UInt64.random(in: 1...(1 << 40), using: &rng)
            return "@@uname\nLinux 6.1 x86_64\n@@nproc\n\(Int.random(in: 1...512, using: &rng))\n@@loadavg\n1.5 2 3 1/2 3\n@@meminfo\n"
                + "MemTotal: \(kb) kB\nMemAvailable: \(kb / 2) kB\n@@df\n/dev/x \(kb) \(kb / 3) \(kb / 2) 40% /\n"
                + "@@gpu\n0, G, \(Int.random(in: 0...100, using: &rng)), 1, \(Int.random(in: 1...(1 << 20), using: &rng))\n@@end\n"
        }
        var names = ["uname", "nproc", "tools", "loadavg", "psi", "meminfo", "sysctl", "vmstat", "df", "gpu"].filter { _ in
            Int.random(in: 0..<5, using: &rng) > 0
        }
        names.shuffle(using: &rng)
        if Int.random(in: 0..<10, using: &rng) == 0, let n = names.first { names.append(n) }
        var lines = names.flatMap { section($0) }
        if Bool.random(using: &rng) { lines.append("@@end") }
        switch Int.random(in: 0..<24, using: &rng) {
        case 0: lines.insert(bytes(Int.random(in: 0...300, using: &rng)), at: Int.random(in: 0...lines.count, using: &rng))
        case 1: lines.append(String(repeating: "9", count: 20_000))
        case 2: lines = lines.shuffled(using: &rng)
        case 3: return bytes(Int.random(in: 0...500, using: &rng))
        default: break
        }
        let t = lines.joined(separator: Bool.random(using: &rng) ? "\n" : "\r\n")
        return Int.random(in: 0..<8, using: &rng) == 0 ? String(t.prefix(Int.random(in: 0...t.count, using: &rng))) : t
    }
}

/// Thousands of hostile probe texts through everything downstream of the parser: host states, snapshot totals,
/// placement, formatting, listing rows, JSON and the dashboard's panes. Nothing may trap, and what comes out is sane.
@Suite struct H1ProbeFuzzTests {
    @Test func hostileProbesNeverTrapAndStayPlausible() throws {
        var gen = HostileProbe(rng: SplitMix64(state: 0x4845_5244))
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        var partial = 0, complete = 0
        var failures: [String] = []
        let encoder = JSONEncoder()
        var states: [HostState] = []
        for i in 0..<2000 {
            let text = gen.text()
            let r = ProbeParser.parse(text)
            let u = r.usage
            let bad = Self.implausible(u)
            if !bad.isEmpty { failures.append("\(bad) from \(text.prefix(300).debugDescription)") }
            if r.problems.isEmpty { complete += 1 } else { partial += 1 }
            let state = HostState(
                host: HerdCore.Host(name: "h\(i)", ssh: "h\(i)", shared: i % 7 != 0), status: r.problems.isEmpty ? .complete : .partial,
                reasons: r.problems, usage: u, lastSeen: now.addingTimeInterval(-Double(i)), latencyMs: Double(i % 50))
            states.append(state)
            _ = HostListing.liveRow(state, defaultHost: "h0", now: now)
            _ = UsageFormat.usedOfTotal(u.memUsed, u.memTotal) + UsageFormat.gpu(u) + UsageFormat.load(u.load1)
            if (try? encoder.encode(state)) == nil { failures.append("does not encode as JSON: \(text.prefix(300).debugDescription)") }
        }
        #expect(failures.isEmpty, "\(failures.count) inputs, first: \(failures.prefix(3))")
        #expect(partial > 1000 && complete > 0, "the generator covers both: \(partial) partial, \(complete) complete")

        let snapshot = Snapshot(takenAt: now, hosts: states)
        let agg = snapshot.aggregates
        #expect(agg.memUsed <= agg.memTotal && agg.up == 2000)
        #expect(agg.load1.isFinite && agg.load1 >= 0)
        #expect((try? JSONEncoder().encode(snapshot)) != nil)

        var rng = SplitMix64(state: 7)
        for _ in 0..<20 {
            let needs = Requirements(
                ram: [nil, 0, 1 << 30, UInt64.max].randomElement(using: &rng) ?? nil, gpus: [nil, 0, 1, Int.max].randomElement(using: &rng) ?? nil,
                cpus: [nil, 1, Int.max].randomElement(using: &rng) ?? nil)
            let reserved: [String: (ram: UInt64, gpus: Int)] = ["h1": (UInt64.max, Int.max), "h2": (UInt64.random(in: 0...UInt64.max, using: &rng), Int.min)]
            let ranked = Placement.rank(Array(states.prefix(300)), needs: needs, reserved: reserved)
            #expect(ranked.count == 300)
            #expect(ranked.allSatisfy { (0...100).contains($0.score) })
        }

        var app = AppState()
        app = Reducer.reduce(app, .snapshot(snapshot)).0
        for sort in AppState.Sort.allCases {
            app.sort = sort
            app = Reducer.reduce(app, .snapshot(snapshot)).0
            app.now = now
            for (w, h) in [(120, 40), (60, 12), (1, 1), (0, 0), (300, 5)] {
                var buf = CellBuffer(width: w, height: h)
                HostsPane.render(into: &buf, area: buf.area, state: app)
                _ = Dashboard.render(app, width: w, height: h)
            }
        }
    }

    @Test func hostileJobAnswersEndAJobOnlyWithPlausibleValues() throws {
        var gen = HostileProbe(rng: SplitMix64(state: 0x4A4F_4253))
        let id = "0a1b2c3d-0000-4000-8000-000000000000"
        let job = Job(id: id, host: "h", command: ["x"], clientCwd: "/", startedAt: Date(timeIntervalSince1970: 1_700_000_000))
        var ended = 0
        for _ in 0..<3000 {
            let words = ["@@job", id, ["done", "running", "missing", gen.number()].randomElement(using: &gen.rng) ?? ""]
                + (0..<Int.random(in: 0...3, using: &gen.rng)).map { _ in
                    Bool.random(using: &gen.rng) ? gen.number() : String(Int.random(in: 0...2_000_000_000, using: &gen.rng))
                }
            var text = words.joined(separator: " ")
            if Int.random(in: 0..<10, using: &gen.rng) == 0 { text += "\n" + gen.bytes(30) }
            let report = JobReport.parse(text, id: id)
            let j = report.applied(to: job)
            if case .ended(let code, let at) = report {
                ended += 1
                #expect(Plausible.exitCode.contains(code) && (at.map(Plausible.time.contains) ?? true), "\(text.debugDescription)")
                #expect(j.status == (code == 0 ? .done : .failed))
            } else if case .unknown = report {
                #expect(j.status == .unknown && j.reason != nil)
            }
            #expect((try? JSONEncoder().encode(j)) != nil)
        }
        #expect(ended > 20, "the generator reaches the ended case: \(ended)")
    }

    /// What in `u` lies outside its `Plausible` range (empty when everything the parser let through is plausible).
    static func implausible(_ u: HostUsage) -> [String] {
        var bad: [String] = []
        func check(_ ok: Bool, _ what: String) { if !ok { bad.append(what) } }
        if let c = u.cpus { check(Plausible.cpus.contains(c), "cpus") }
        if let l = u.load { check(l.count == 3 && l.allSatisfy { $0.isFinite && Plausible.load.contains($0) }, "load") }
        if let t = u.memTotal { check(Plausible.memoryBytes.contains(t) && t > 0, "memTotal") }
        if let a = u.memAvailable { check(Plausible.memoryBytes.contains(a), "memAvailable") }
        if let t = u.memTotal, let a = u.memAvailable { check(a <= t, "available > total") }
        if let p = u.memPressure { check(Plausible.percent.contains(p), "memPressure") }
        if let d = u.disk {
            check([d.total, d.used, d.available].allSatisfy(Plausible.diskBytes.contains), "disk")
            check((0...100).contains(d.percentUsed), "percentUsed")
        }
        check(u.gpus.count <= Plausible.gpuCount.upperBound, "gpu count")
        for g in u.gpus {
            check(Plausible.gpuIndex.contains(g.index), "gpu index")
            if let x = g.utilization { check(Plausible.percent.contains(x), "gpu utilization") }
            if let x = g.memUsed { check(Plausible.gpuMemoryBytes.contains(x), "gpu memory.used") }
            if let x = g.memTotal { check(Plausible.gpuMemoryBytes.contains(x), "gpu memory.total") }
        }
        if let g = u.gpuUtilization { check(Plausible.percent.contains(g), "gpuUtilization") }
        return bad
    }
}
