import Foundation
import HerdCore
import HerdTUI
import Testing

/// Keyboard and mouse parity (issue 14) through `Reducer`: each key's effect on the state, in a 100×30 window.
@Suite struct KeyParityReducerTests {
    typealias T = KeyParityReducerTests

    static let now = Date(timeIntervalSince1970: 1_000_000)

    /// `n` hosts tb01… with load i, GPUs on every third, tb02 down; `jobs` jobs; `log` lines; a 100×30 window.
    static func state(hosts n: Int = 30, jobs: Int = 0, log: Int = 0) -> AppState {
        var s = AppState()
        s.window = Rect(x: 0, y: 0, width: 100, height: 30)
        let hosts = (0..<n).map { i -> HostState in
            let tags: [String] = i % 2 == 0 ? ["even"] : []
            let host = HerdCore.Host(name: String(format: "tb%02d", i + 1), ssh: "x", tags: tags)
            let gpus: [GPUUsage] = i % 3 == 0 ? [GPUUsage(index: 0, name: "A", utilization: Double(i), memUsed: 1, memTotal: 2)] : []
            let load: [Double] = [Double(i % 7), 0, 0]
            let usage = HostUsage(os: "linux", cpus: 8, load: load, memTotal: 32 << 30, memAvailable: 16 << 30, gpus: gpus)
            let status: HostStatus = i == 1 ? .unreachable : .complete
            return HostState(host: host, status: status, usage: usage, lastSeen: now)
        }
        s = Reducer.reduce(s, .snapshot(Snapshot(takenAt: now, hosts: hosts))).0
        let js = (0..<jobs).map { i in
            Job(id: String(format: "%08x", i) + "-0000-0000-0000-000000000000", host: "tb01", command: ["sleep", "9"],
                clientCwd: "/", startedAt: now, status: .running)
        }
        s = Reducer.reduce(s, .jobs(js)).0
        if log > 0 { s = Reducer.reduce(s, .log(title: "log", lines: (1...log).map { "line \($0)" + ($0 % 10 == 0 ? " error" : "") })).0 }
        return s
    }

    static func press(_ s: AppState, _ keys: Key...) -> (AppState, [Effect]) {
        var cur = (s, [Effect]())
        for k in keys { cur = Reducer.reduce(cur.0, .key(k)) }
        return cur
    }

    static func type(_ s: AppState, _ text: String) -> AppState {
        text.reduce(s) { Reducer.reduce($0, .key(.char($1))).0 }
    }

    @Test func homeEndAndPagesMoveTheHostSelection() throws {
        let s = Self.state()
        let layout = try #require(DashboardLayout.of(width: 100, height: 30))
        let page = layout.hostRows
        #expect(Self.press(s, .end).0.hostIndex == 29)
        #expect(Self.press(s, .char("G")).0.hostIndex == 29)
        #expect(Self.press(s, .end, .home).0.hostIndex == 0)
        #expect(Self.press(s, .end, .char("g")).0.hostIndex == 0)
        #expect(Self.press(s, .pageDown).0.hostIndex == page)
        #expect(Self.press(s, .pageDown, .pageDown, .pageDown, .pageDown).0.hostIndex == 29)
        #expect(Self.press(s, .end, .pageUp).0.hostIndex == 29 - page)
        #expect(Self.press(s, .pageUp).0.hostIndex == 0)
    }

    @Test func hAndLAndTabsCycleThePanes() {
        let s = Self.state(jobs: 2)
        #expect(Self.press(s, .char("l")).0.focus == .jobs)
        #expect(Self.press(s, .char("l")).1 == [.followLog(jobID: s.jobs[0].id)])
        #expect(Self.press(s, .char("l"), .char("l")).0.focus == .log)
        #expect(Self.press(s, .char("h")).0.focus == .log)
        #expect(Self.press(s, .backTab, .backTab).0.focus == .jobs)
        #expect(Self.press(s, .tab, .char("h")).0.focus == .hosts)
    }

    @Test func theJobListPagesAndFollowsTheSelectedLog() {
        let s = Self.press(Self.state(jobs: 20), .tab).0
        let (end, effects) = Self.press(s, .end)
        #expect(end.jobIndex == 19 && effects == [.followLog(jobID: s.jobs[19].id)])
        #expect(Self.press(end, .end).1.isEmpty, "no new follow when the selection stays")
        #expect(Self.press(end, .home).0.jobIndex == 0)
    }

    @Test func theLogScrollsPausesAndFollowsAgain() throws {
        let s = Self.press(Self.state(log: 100), .tab, .tab).0
        #expect(s.focus == .log && s.logView.following)
        let rows = try #require(DashboardLayout.of(width: 100, height: 30)).logRows
        let up = Self.press(s, .up).0
        #expect(up.logView.top == 100 - rows - 1 && s.jobIndex == up.jobIndex)
        #expect(Self.press(up, .down).0.logView.following, "scrolling back to the end follows again")
        #expect(Self.press(s, .pageUp).0.logView.top == 100 - 2 * rows)
        #expect(Self.press(s, .home).0.logView.top == 0)
        #expect(Self.press(s, .home, .end).0.logView.following)
        let paused = Self.press(s, .char("f")).0
        #expect(paused.logView.top == 100 - rows)
        #expect(Self.press(paused, .char("f")).0.logView.following)
        // Paused: new lines do not move the view.
        let more = Reducer.reduce(Self.press(s, .home).0, .log(title: "log", lines: (1...200).map { "l\($0)" })).0
        #expect(more.logView.top == 0)
        #expect(Reducer.reduce(more, .log(title: "other job", lines: [])).0.logView == LogView(), "another log starts following")
    }

    @Test func slashInTheLogPaneSearchesAndNFindsTheNextMatch() throws {
        let s = Self.press(Self.state(log: 100), .tab, .tab).0
        var t = Self.press(s, .char("/")).0
        #expect(t.mode == .input(.logSearch, ""))
        t = Self.press(Self.type(t, "ERROR"), .enter).0
        #expect(t.mode == .normal && t.logView.search == "ERROR")
        let first = try #require(t.logView.match)
        #expect(t.log[first].contains("error"))
        let next = Self.press(t, .char("n")).0
        #expect(next.logView.match == (first + 10) % 100)
        #expect(Self.press(next, .char("N")).0.logView.match == first)
        #expect(Self.press(t, .escape).0.logView.search.isEmpty, "Esc clears the search")
        let missing = Self.press(Self.type(Self.press(s, .char("/")).0, "zebra"), .enter).0
        #expect(missing.message == "'zebra' not found in the log" && missing.logView.match == nil)
        #expect(Self.press(Self.state(), .char("n")).0 == Self.state(), "n outside the log pane does nothing")
    }

    @Test func reverseSortAndSortByGPUAndStatus() {
        let s = Self.state(hosts: 6)
        let byLoad = Self.press(s, .char("S")).0
        #expect(byLoad.sort == .load && byLoad.visibleHosts.first?.host.name == "tb06")
        let reversed = Self.press(byLoad, .char("R")).0
        #expect(reversed.sortReversed && reversed.visibleHosts.first?.host.name == "tb01", "lowest load first")
        let gpu = Self.press(s, .char("S"), .char("S"), .char("S"), .char("S")).0
        #expect(gpu.sort == .gpu && gpu.visibleHosts.prefix(2).map(\.host.name) == ["tb04", "tb01"])
        let status = Self.press(gpu, .char("S")).0
        #expect(status.sort == .status && status.visibleHosts.first?.host.name == "tb02", "down hosts first")
        #expect(Self.press(status, .char("S")).0.sort == .name)
        #expect(Self.press(s, .char("R")).0.visibleHosts.first?.host.name == "tb06", "name reversed")
    }

    @Test func theHeaderShowsTheSortMarker() {
        var buf = CellBuffer(width: 100, height: 6)
        HostsPane.render(into: &buf, area: buf.area, state: Self.state(hosts: 3))
        #expect(buf.lines[1].hasPrefix("NAME▲"))
        buf = CellBuffer(width: 100, height: 6)
        HostsPane.render(into: &buf, area: buf.area, state: Self.press(Self.state(hosts: 3), .char("S")).0)
        #expect(buf.lines[1].contains("LOAD▼") && buf.lines[1].hasPrefix("NAME "))
        buf = CellBuffer(width: 100, height: 6)
        HostsPane.render(into: &buf, area: buf.area, state: Self.press(Self.state(hosts: 3), .char("S"), .char("R")).0)
        #expect(buf.lines[1].contains("LOAD▲"))
    }

    @Test func theFilterTakesSelectorsAndSaysWhyItShowsNothing() {
        let s = Self.state(hosts: 12)
        let tag = Self.press(Self.type(Self.press(s, .char("/")).0, "@even"), .enter).0
        #expect(tag.visibleHosts.count == 6 && tag.message.isEmpty)
        let range = Self.press(Self.type(Self.press(s, .char("/")).0, "tb[03-05]"), .enter).0
        #expect(range.visibleHosts.map(\.host.name) == ["tb03", "tb04", "tb05"])
        let typing = Self.type(Self.press(s, .char("/")).0, "tb[03-")
        #expect(typing.filterProblem.hasPrefix("bad selector: "))
        let bad = Self.press(typing, .enter).0
        #expect(bad.visibleHosts.isEmpty && bad.message.hasPrefix("bad selector: "))
        let status = Dashboard.render(typing, width: 100, height: 30).lines.last ?? ""
        #expect(status.contains("/tb[03-▏") && status.contains("bad selector"), "\(status)")
        #expect(Self.press(bad, .escape).0.filter.isEmpty, "Esc in the table clears the filter")
    }

    @Test func promptsEditLinesAndKeepAHistoryPerKind() {
        var s = Self.press(Self.state(), .char("o")).0
        s = Self.press(Self.type(s, "uptime"), .ctrl("a"), .char("x"), .ctrl("e")).0
        #expect(s.mode == .input(.runOnAll, "xuptime"))
        let (ran, effects) = Self.press(s, .ctrl("a"), .delete, .enter)
        #expect(effects == [.runOnAll(command: "uptime")] && ran.history[.runOnAll] == ["uptime"])
        let again = Self.press(ran, .char("o"), .up).0
        #expect(again.mode == .input(.runOnAll, "uptime"))
        #expect(Self.press(ran, .char("/"), .up).0.mode == .input(.filter, ""), "the filter has its own history")
        let status = Dashboard.render(Self.press(again, .left, .left).0, width: 100, height: 30).lines.last ?? ""
        #expect(status.contains("upti▏me"))
    }

    @Test func aShortWindowsHelpSaysWhatItLeavesOut() {
        let help = Dashboard.render(T.press(T.state(), .char("?")).0, width: 80, height: 24).lines.joined(separator: "\n")
        #expect(help.contains(KeyMap.bindings[0].help) && help.contains("more: a larger window shows all"))
    }

    @Test func aLongPromptScrollsToKeepTheCursorInView() {
        let long = "echo " + String(repeating: "x", count: 150) + " end"
        var s = Self.type(Self.press(Self.state(), .char("o")).0, long)
        var status = Dashboard.render(s, width: 100, height: 30).lines.last ?? ""
        #expect(status.contains("run on all shared hosts: …x") && status.contains(" end▏"), "\(status)")
        s = Self.press(s, .ctrl("a")).0
        status = Dashboard.render(s, width: 100, height: 30).lines.last ?? ""
        #expect(status.contains("run on all shared hosts: ▏echo xxx") && status.hasSuffix("x…") && !status.contains(" end"), "\(status)")
    }

    @Test func theEscKeyClosesPromptsAndHelpAtOnce() {
        let s = Self.state()
        #expect(Self.press(s, .char(":"), .escape).0.mode == .normal)
        #expect(Self.press(s, .char("?"), .escape).0.mode == .normal)
        #expect(Self.press(s, .char("/"), .char("x"), .escape).0.filter.isEmpty)
        let cancelled = Self.press(s, .char("o"), .char("x"), .ctrl("c"))
        #expect(cancelled.0.mode == .normal && cancelled.1.isEmpty, "Ctrl+C cancels a prompt, it does not quit")
        #expect(Self.press(s, .char(":"), .ctrl("g")).0.mode == .normal)
    }
}
