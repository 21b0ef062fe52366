import Foundation
import HerdCore
@testable import HerdTUI
import Testing

/// The host table with severity colours, loud trouble, per-GPU cells, sparklines and an adaptive layout: golden
/// tests that check the role (and, per theme, the colour) of cells, not only their text.
@Suite struct T2HostsPaneTests {
    static let now = Date(timeIntervalSince1970: 2_000_000)

    /// tb01 calm; gpu-node-with-a-long-name-07 with four GPUs (three busy, one near full memory) and a full disk;
    /// tb03 down for 2 minutes with a retry in 12 s; tb04 partial.
    static func states() -> [HostState] {
        let disk = DiskUsage(mount: "/", total: 100 << 30, used: 25 << 30, available: 75 << 30)
        var calm = HostUsage(os: "linux", cpus: 8, load: [0.5, 0, 0], memTotal: 32 << 30, memAvailable: 24 << 30, disk: disk)
        calm.cpuPercent = 12
        let gpus = [(97.0, 79), (3.0, 1), (60.0, 20), (88.0, 40)].enumerated().map { i, g in
            GPUUsage(index: i, name: "A100", utilization: g.0, memUsed: UInt64(g.1) << 30, memTotal: 80 << 30)
        }
        var busy = HostUsage(os: "linux", cpus: 4, load: [7.9, 0, 0], memTotal: 64 << 30, memAvailable: 12 << 30,
                             disk: DiskUsage(mount: "/", total: 100 << 30, used: 97 << 30, available: 3 << 30), gpus: gpus)
        busy.cpuPercent = 99
        let seen = now.addingTimeInterval(-2)
        var down = HostState(host: Host(name: "tb03", ssh: "tb03"), status: .unreachable, reasons: ["ssh: connect to host 127.0.0.1 port 2203: Connection refused"],
                             usage: calm, lastSeen: now.addingTimeInterval(-125), failures: 3)
        down.retryAt = now.addingTimeInterval(12)
        return [
            HostState(host: Host(name: "tb01", ssh: "tb01", tags: ["cpu"]), status: .complete, usage: calm, lastSeen: seen),
            HostState(host: Host(name: "gpu-node-with-a-long-name-07", ssh: "g7", shared: false), status: .complete, usage: busy, lastSeen: seen),
            down,
            HostState(host: Host(name: "tb04", ssh: "tb04"), status: .partial, reasons: ["df: timed out after 3s"], usage: calm, lastSeen: seen),
        ]
    }

    static func state(_ hosts: [HostState] = states(), samples: Int = 5) -> AppState {
        var s = AppState()
        // A few rounds, so the sparklines have history.
        for i in 0..<samples {
            let t = now.addingTimeInterval(Double(i - samples + 1) * 2)
            let round = hosts.map { h -> HostState in
                var h = h
                if h.status.isUp { h.lastSeen = t }
                return h
            }
            s = Reducer.reduce(s, .snapshot(Snapshot(takenAt: t, hosts: round))).0
        }
        return s
    }

    static func render(_ s: AppState, width: Int, height: Int = 8) -> CellBuffer {
        var buf = CellBuffer(width: width, height: height)
        HostsPane.render(into: &buf, area: buf.area, state: s)
        return buf
    }

    /// The first column of `needle` in row `y`.
    static func col(_ buf: CellBuffer, _ y: Int, _ needle: String) -> Int? {
        let line = buf.lines[y]
        guard let r = line.range(of: needle) else { return nil }
        return line.distance(from: line.startIndex, to: r.lowerBound)
    }

    @Test func severityTableLevelsAndHostileValues() {
        #expect(Severity.of(.ram, 50) == .ok && Severity.of(.ram, 80) == .warn && Severity.of(.ram, 99) == .high)
        #expect(Severity.of(.loadPerCore, 1.0) == .warn && Severity.of(.loadPerCore, 2) == .high)
        for v in [Double.nan, -Double.infinity, -5, nil] as [Double?] { #expect(Severity.of(.disk, v) == .ok) }
        #expect(Severity.of(.disk, Double.infinity) == .ok)
        #expect(Severity.of(.gpu, 1e300) == .high)
        #expect(Set(Severity.thresholds.map(\.metric)) == Set(Severity.Metric.allCases))
        #expect(Severity.thresholds.allSatisfy { $0.warn < $0.high })
        let w = Severity.worst(Self.states()[1].usage)
        #expect(w.level == .high && w.metric == .loadPerCore)
        #expect(Severity.worst(Self.states()[0].usage).level == .ok)
    }

    @Test func wideTableColoursEveryFigureByLevel() throws {
        let buf = Self.render(Self.state(), width: 200)
        let l = buf.lines
        #expect(l[1].contains("NAME") && l[1].contains("CPU") && l[1].contains("~LOAD") && l[1].contains("GPU MEM") && l[1].contains("TAGS"), "\(l[1])")
        // Calm host: no marker, plain figures, its tag shown.
        #expect(l[2].hasPrefix("  tb01") && l[2].contains("12%") && l[2].hasSuffix("cpu"), "\(l[2])")
        #expect(buf[0, 2].char == " " && buf[2, 2].style.fg == .hostUp)
        let load = try #require(Self.col(buf, 2, "0.50"))
        #expect(buf[load, 2].style.fg == .text)
        // The busy host: the whole name fits, a red marker, red load, CPU and disk, per-GPU cells.
        #expect(l[3].hasPrefix("● gpu-node-with-a-long-name-07 [ded]"), "\(l[3])")
        #expect(buf[0, 3].style.fg == .barHigh)
        #expect(buf[try #require(Self.col(buf, 3, "7.90")), 3].style.fg == .barHigh)
        #expect(buf[try #require(Self.col(buf, 3, "99%")), 3].style.fg == .barHigh)
        let disk = try #require(Self.col(buf, 3, "97G/100G"))
        #expect(buf[disk, 3].style.fg == .barHigh)
        #expect(buf[disk - 2, 3].char == "█" && buf[disk - 2, 3].style.fg == .barHigh, "the disk gauge is red too")
        #expect(l[3].contains("█▁▅▇ 3/4 busy"), "\(l[3])")
        let gpu = try #require(Self.col(buf, 3, "█▁▅▇"))
        #expect(buf[gpu, 3].style.fg == .barHigh && buf[gpu + 1, 3].style.fg == .barGPU && buf[gpu + 3, 3].style.fg == .barWarn)
        // GPU memory: one GPU at 79 of 80 GB is at `high`.
        #expect(buf[try #require(Self.col(buf, 3, "140G/320G")), 3].style.fg == .barHigh)
        // RAM at 81% is a warning.
        #expect(buf[try #require(Self.col(buf, 3, "52G/64G")), 3].style.fg == .barWarn)
        // Sparklines: five samples, the newest in the last cell of the column, coloured by level.
        let spark = try #require(Self.col(buf, 3, "█████"))
        #expect(buf[spark, 3].style.fg == .barHigh)
    }

    @Test func downAndPartialHostsAreLoudNotDimmed() throws {
        let buf = Self.render(Self.state(), width: 200)
        let l = buf.lines
        #expect(l[4].hasPrefix("✖ tb03"))
        #expect(l[4].contains("down 2m · refused · retry 12s"), "\(l[4])")
        let at = try #require(Self.col(buf, 4, "down 2m"))
        for x in [0, 2, at] {
            #expect(buf[x, 4].style.fg == .hostDown && buf[x, 4].style.bold && !buf[x, 4].style.dim)
        }
        #expect(!l[4].contains("0.50"), "no stale figures for a dead host")
        #expect(l[5].hasPrefix("! tb04") && l[5].contains("partial · df: timed out"), "\(l[5])")
        let p = try #require(Self.col(buf, 5, "partial"))
        #expect(buf[p, 5].style.fg == .hostPartial && buf[p, 5].style.bold && buf[0, 5].style.fg == .hostPartial)
        // A host that never answered counts from when the dashboard first saw it down.
        var never = Self.states()[2]
        never.lastSeen = nil
        never.retryAt = nil
        #expect(Trouble.text(never, now: Self.now, since: Self.now.addingTimeInterval(-30)) == "down 30s · refused")
        #expect(Trouble.short("no answer within 5s") == "timeout" && Trouble.short("Permission denied (publickey).") == "auth")
    }

    @Test func narrowTableKeepsNamesFiguresAndDropsExtrasFirst() {
        let s = Self.state()
        let wide = HostsLayout(width: 200, hosts: s.visibleHosts)
        #expect(HostsLayout.Kind.allCases.allSatisfy { wide.column($0) != nil })
        let at80 = HostsLayout(width: 78, hosts: s.visibleHosts)
        for k in [HostsLayout.Kind.mark, .name, .load, .cpu, .ram, .gpu, .disk, .status] { #expect(at80.column(k) != nil, "\(k)") }
        #expect(at80.column(.tags) == nil)
        let buf = Self.render(s, width: 60)
        // The name shrinks with an ellipsis in the middle; the figures stay.
        #expect(buf.lines[3].contains("gpu-n…e-07") || buf.lines[3].contains("…"), "\(buf.lines[3])")
        #expect(buf.lines[3].contains("7.90") && buf.lines[3].contains("97G/100G"), "\(buf.lines[3])")
        #expect(HostsLayout.middle("abcdefghij", 5) == "ab…ij" && HostsLayout.middle("abc", 5) == "abc  " && HostsLayout.middle("abc", 1) == "…")
        #expect(HostsLayout.middle("abc", 0) == "")
    }

    @Test func positionMarkerWhenTheTableScrolls() {
        let many = (0..<72).map { HostState(host: Host(name: String(format: "n%02d", $0), ssh: "x"), status: .complete, lastSeen: Self.now) }
        var s = Self.state(many, samples: 1)
        for _ in 0..<30 { s = Reducer.reduce(s, .key(.down)).0 }
        #expect(Self.render(s, width: 100, height: 10).lines[0].contains("31/72"))
        #expect(!Self.render(Self.state(), width: 100, height: 10).lines[0].contains("/4"))
    }

    @Test func pinningPutsTroubleFirstAndTogglesWithTheKey() {
        var s = Self.state()
        #expect(s.visibleHosts.map(\.host.name) == ["tb01", "gpu-node-with-a-long-name-07", "tb03", "tb04"])
        s = Reducer.reduce(s, .key(.char("!"))).0
        #expect(s.hostsView.pinTrouble)
        #expect(s.visibleHosts.map(\.host.name) == ["tb03", "tb04", "gpu-node-with-a-long-name-07", "tb01"])
        #expect(Self.render(s, width: 120).lines[0].contains("trouble first"))
        s = Reducer.reduce(s, .key(.char("!"))).0
        #expect(s.visibleHosts.first?.host.name == "tb01")
        #expect(KeyMap.action(for: .char("!")) == .pinTrouble)
    }

    @Test(arguments: [(0, 0), (1, 1), (2, 1), (1, 3), (5, 2), (30, 3)])
    func tinyAreasDrawNothingOutside(_ w: Int, _ h: Int) {
        var s = Self.state()
        s = Reducer.reduce(s, .key(.enter)).0
        var buf = CellBuffer(width: w + 2, height: h + 2, fill: Cell("#", .plain))
        let area = Rect(x: 1, y: 1, width: w, height: h)
        HostsPane.render(into: &buf, area: area, state: s)
        HostDetailPane.render(into: &buf, area: area, state: s)
        Sparkline.draw([1, 2, nil], top: 2, into: &buf, x: 1, y: 1, width: w, clip: area) { _ in .plain }
        Graph.draw([1, 2, 3], top: 3, into: &buf, area: area) { _ in .plain }
        Gauge.draw(0.5, into: &buf, x: 1, y: 1, width: w, clip: area, fill: .barRAM, bg: .background)
        for y in 0..<buf.height { for x in 0..<buf.width where !area.contains(x, y) { #expect(buf[x, y].char == "#") } }
    }

    @Test func hostileValuesNeverBreakSparklinesOrGraphs() {
        let hostile: [Double?] = [.nan, .infinity, -.infinity, -5, 1e308, -1e308, nil, 0.5, .greatestFiniteMagnitude, .leastNonzeroMagnitude]
        var buf = CellBuffer(width: 12, height: 4)
        for top in [1, 0, -1, .nan, .infinity, 1e308, Sparkline.top(hostile, floor: 1)] {
            Sparkline.draw(hostile, top: top, into: &buf, x: 0, y: 0, width: 12, clip: buf.area) { _ in .plain }
            Graph.draw(hostile, top: top, into: &buf, area: Rect(x: 0, y: 1, width: 12, height: 3)) { _ in .plain }
        }
        Gauge.draw(.nan, into: &buf, x: 0, y: 0, width: 3, clip: buf.area, fill: .barRAM, bg: .background)
        #expect(buf.lines[0].hasPrefix("···"))
        var fresh = CellBuffer(width: 5, height: 1)
        Sparkline.draw([nil, -3, 0.5, 1, 7], top: 1, into: &fresh, x: 0, y: 0, width: 5, clip: fresh.area) { _ in .plain }
        #expect(fresh.lines == [" ▁▅██"])
    }
}
