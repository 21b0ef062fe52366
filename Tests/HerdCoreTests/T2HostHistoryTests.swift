import Foundation
import HerdCore
import Testing

/// CPU use from two /proc/stat readings, and the bounded per-host history rings.
@Suite struct T2HostHistoryTests {
    @Test func cpuPercentFromTwoReadingsOfARealProbe() throws {
        let r = ProbeParser.parse(try ProbeParserTests.fixture("linux-stat.txt"))
        #expect(r.problems.isEmpty, "\(r.problems)")
        #expect(r.usage.cpuPercent == 100)
        // The same probe without a previous reading (a first probe): no figure, no problem.
        let first = ProbeParser.parse(try ProbeParserTests.fixture("linux-nogpu.txt"))
        #expect(first.usage.cpuPercent == nil && first.problems.isEmpty)
    }

    @Test(arguments: [
        // user nice system idle iowait irq softirq steal: 100 ticks, 25 busy.
        (["cpu  100 0 0 100 0 0 0 0 0 0", "cpu  120 0 5 170 5 0 0 0 0 0"], 25.0 as Double?),
        (["cpu  100 0 0 100"], nil), // one reading
        (["cpu  900 0 0 900 0", "cpu  100 0 0 100 0"], nil), // counters went back: a reboot
        (["cpu  100 0 0 100 0", "cpu  100 0 0 100 0"], nil), // no ticks between
        (["cpu  1 2 3 4 5 6 7 8 999999999 999999999", "cpu  2 2 3 4 5 6 7 8 0 0"], 100.0), // guest time not counted twice
    ])
    func cpuPercentTable(_ lines: [String], _ expected: Double?) {
        #expect(CPUStatParser.percent(lines.map { Substring($0) }) == .success(expected))
    }

    @Test(arguments: ["cpu0 1 2 3 4", "cpu  -1 2 3 4", "cpu  nan 2 3 4", "cpu  1 2", "intr 5 6 7 8", "cpu  99999999999999999999999 1 1 1"])
    func hostileStatLinesAreProblemsNotCrashes(_ line: String) {
        let r = ProbeParser.parse("@@uname\nLinux 6.1 x86_64\n@@loadavg\n0.1 0.2 0.3 1/2 3\n@@meminfo\nMemTotal: 100 kB\nMemAvailable: 50 kB\n@@stat\ncpu  1 1 1 1\n\(line)\n@@df\n@@end\n")
        #expect(r.usage.cpuPercent == nil)
        #expect(r.problems.contains { $0.hasPrefix("stat: unexpected") }, "\(r.problems)")
    }

    static func usage(load: Double, ram: UInt64, gpu: Double? = nil) -> HostUsage {
        var u = HostUsage(os: "linux", cpus: 4, load: [load, 0, 0], memTotal: 100, memAvailable: 100 - ram,
                          gpus: gpu.map { [GPUUsage(index: 0, name: "g", utilization: $0, memUsed: 10, memTotal: 40)] } ?? [])
        u.cpuPercent = 50
        return u
    }

    @Test func ringKeepsTheLastSamplesInOrderAndStaysBounded() {
        var h = HostHistory(capacity: 4)
        let t0 = Date(timeIntervalSince1970: 1000)
        for i in 0..<10 { h.record(Self.usage(load: Double(i), ram: UInt64(i * 10)), at: t0.addingTimeInterval(Double(i))) }
        #expect(h.count == 4 && h.capacity == 4)
        #expect(h.values(.loadPerCore) == [1.5, 1.75, 2, 2.25])
        #expect(h.values(.ram, last: 2) == [80, 90])
        #expect(h.values(.gpu) == [nil, nil, nil, nil])
        #expect(h.latest(.cpu) == 50)
        // An older or repeated probe time adds nothing.
        h.record(Self.usage(load: 40, ram: 1), at: t0.addingTimeInterval(3))
        #expect(h.values(.loadPerCore).last == 2.25)
        #expect(HostHistory(capacity: 0).capacity == 1 && HostHistory(capacity: 1 << 40).capacity == 10_000)
    }

    @Test func hostileFiguresAreUnknownNotStored() {
        var h = HostHistory(capacity: 8)
        var u = Self.usage(load: .nan, ram: 10, gpu: -5)
        u.cpuPercent = .infinity
        u.memTotal = 0
        h.record(u, at: Date(timeIntervalSince1970: 1))
        h.record(nil, at: Date(timeIntervalSince1970: 2))
        #expect(h.values(.loadPerCore) == [nil, nil] && h.values(.cpu) == [nil, nil] && h.values(.ram) == [nil, nil])
        #expect(h.values(.gpu) == [nil, nil] && h.values(.gpuMemory) == [25, nil])
    }

    @Test func historiesFollowTheRosterAndOnlyAnsweredProbes() {
        var book = HostHistories(capacity: 3)
        let t = Date(timeIntervalSince1970: 500)
        func state(_ name: String, _ status: HostStatus, seen: Double) -> HostState {
            HostState(host: Host(name: name, ssh: name), status: status, usage: Self.usage(load: 4, ram: 20), lastSeen: t.addingTimeInterval(seen))
        }
        book.feed([state("a", .complete, seen: 0), state("b", .unreachable, seen: 0)])
        book.feed([state("a", .complete, seen: 0), state("b", .unreachable, seen: 0)]) // same probe again
        book.feed([state("a", .partial, seen: 2), state("c", .complete, seen: 2)])
        #expect(book["a"].count == 2 && book["b"].count == 0 && book["c"].count == 1)
        book.feed([state("c", .complete, seen: 4)])
        #expect(book.byHost.keys.sorted() == ["c"], "hosts that left are forgotten")
    }
}
