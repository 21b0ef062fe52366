import Foundation
import HerdCore
import HerdTUI
import Testing

/// The palette's dispatch and the mouse through `Reducer` (a 100×30 window: host table rows 0–16, jobs at 17–28 on
/// the left half, the log on the right half).
@Suite struct PaletteMouseReducerTests {
    typealias T = KeyParityReducerTests

    static func palette(_ s: AppState, _ line: String) -> (AppState, [Effect]) {
        Reducer.reduce(T.type(T.press(s, .char(":")).0, line), .key(.enter))
    }

    static func click(_ s: AppState, _ x: Int, _ y: Int, _ kind: MouseEvent.Kind = .click) -> (AppState, [Effect]) {
        Reducer.reduce(s, .key(.mouse(MouseEvent(kind, x: x, y: y))))
    }

    @Test func paletteCommandsBecomeTheKeysEffects() {
        let s = T.state(hosts: 6, jobs: 2)
        #expect(Self.palette(s, "on @even uptime").1 == [.runOn(hosts: ["tb01", "tb03", "tb05"], command: "uptime")])
        #expect(Self.palette(s, "on tb[01-02] df -h").1 == [.runOn(hosts: ["tb01", "tb02"], command: "df -h")])
        let unknown = Self.palette(s, "on tb99 uptime")
        #expect(unknown.1.isEmpty && unknown.0.message.contains("unknown host 'tb99'"))
        #expect(Self.palette(s, "clean tb03").1 == [.cleanDryRun(host: "tb03")])
        #expect(Self.palette(s, "clean all").1 == [.cleanDryRun(host: nil)])
        #expect(Self.palette(s, "clean tb01,tb02").0.message.contains("takes one host or all"))
        #expect(Self.palette(s, "place --gpu").1 == [.placement(query: "--gpu")])
        #expect(Self.palette(s, "run tb04 make test").1 == [.runJob(host: "tb04", command: "make test")])
        #expect(Self.palette(s, "theme light").1 == [.theme(name: "light")])
        #expect(Self.palette(s, "q").1 == [.quit])
        let stop = Self.palette(s, "stop 00000001").0
        #expect(stop.mode == .confirm("stop job 00000001 on tb01? (y/n)", .stop(jobID: s.jobs[1].id)) && stop.jobIndex == 1)
        #expect(Self.palette(s, "attach 0000000").0.message.contains("matches 2 jobs"))
        let logs = Self.palette(s, "logs 00000000")
        #expect(logs.1 == [.followLog(jobID: s.jobs[0].id)] && logs.0.focus == .log)
        let sorted = Self.palette(s, "sort load asc").0
        #expect(sorted.sort == .load && sorted.sortReversed && sorted.visibleHosts.first?.host.name == "tb01", "asc: lowest load first")
        #expect(!Self.palette(s, "sort name asc").0.sortReversed && Self.palette(s, "sort name desc").0.sortReversed)
        let bad = Self.palette(s, "frob")
        #expect(bad.1.isEmpty && bad.0.mode == .normal && bad.0.message.hasPrefix("unknown command ':frob'"))
        #expect(Self.palette(s, "on tb01 uptime").0.history[.palette] == ["on tb01 uptime"])
    }

    @Test func tabCompletesInThePaletteAndListsChoices() {
        var s = T.type(T.press(T.state(hosts: 12), .char(":")).0, "on tb1")
        s = T.press(s, .tab).0
        #expect(s.mode == .input(.palette, "on tb1") && s.message == "tb10 tb11 tb12")
        s = T.press(T.type(s, "1"), .tab).0
        #expect(s.mode == .input(.palette, "on tb11 "))
        let status = Dashboard.render(T.press(T.type(T.press(T.state(), .char(":")).0, "on @ev"), .tab).0, width: 100, height: 30)
        #expect(status.lines.last?.contains(":on @even ▏") == true)
    }

    @Test func aClickSelectsARowAndFocusesItsPane() {
        let s = T.state(hosts: 30, jobs: 3)
        #expect(Self.click(s, 5, 4).0.hostIndex == 2)
        #expect(Self.click(s, 5, 16).0.hostIndex == 14)
        let scrolled = T.press(s, .end).0
        #expect(Self.click(scrolled, 5, 2).0.hostIndex == 15, "the first row shown, not row 0")
        let job = Self.click(s, 10, 19)
        #expect(job.0.focus == .jobs && job.0.jobIndex == 1 && job.1 == [.followLog(jobID: s.jobs[1].id)])
        #expect(Self.click(s, 10, 27).0.jobIndex == 0, "below the last job the selection stays")
        #expect(Self.click(s, 70, 20).0.focus == .log)
        #expect(Self.click(s, 70, 29).0 == s, "the status line is not a pane")
        let asking = T.press(s, .char("o")).0
        #expect(Self.click(asking, 5, 4).0 == asking, "no clicks while a prompt is open")
    }

    @Test(arguments: [0, 7, 29])
    func aClickSelectsTheRowDrawnUnderIt(_ selected: Int) {
        var s = T.state(hosts: 30, jobs: 20)
        s.hostIndex = selected
        s.jobIndex = min(selected, 19)
        let frame = Dashboard.render(s, width: 100, height: 30).lines
        for y in 2...16 {
            let clicked = Self.click(s, 5, y).0
            #expect(frame[y].hasPrefix(clicked.selectedHost?.host.name ?? "?"), "row \(y): \(frame[y])")
        }
        for y in 18...28 {
            let clicked = Self.click(s, 1, y).0
            #expect(frame[y].hasPrefix(clicked.selectedJob?.shortID ?? "?"), "row \(y): \(frame[y])")
        }
    }

    @Test func aHeaderClickSortsAndASecondReverses() {
        let s = T.state(hosts: 6)
        let columns = HostColumns.layout(Rect(x: 0, y: 1, width: 100, height: 16))
        guard let x = columns.first(where: { $0.sort == .load })?.x else {
            Issue.record("no LOAD column")
            return
        }
        let once = Self.click(s, x + 1, 1).0
        #expect(once.sort == .load && !once.sortReversed && once.visibleHosts.first?.host.name == "tb06")
        let twice = Self.click(once, x, 1).0
        #expect(twice.sort == .load && twice.sortReversed)
        #expect(Self.click(twice, 1, 1).0.sort == .name)
        #expect(Self.click(twice, 14, 1).0 == twice, "the [ded] column does not sort")
    }

    @Test func headerHitTestingMatchesTheDrawnHeader() {
        for width in [60, 80, 100, 140, 200] {
            let inner = Rect(x: 0, y: 1, width: width, height: 10)
            let columns = HostColumns.layout(inner)
            var buf = CellBuffer(width: width, height: 12)
            HostsPane.render(into: &buf, area: Rect(x: 0, y: 0, width: width, height: 12), state: T.state(hosts: 3))
            for c in columns where !c.label.isEmpty {
                #expect(HostColumns.hit(x: c.x, in: columns) == c && HostColumns.hit(x: c.x + c.width - 1, in: columns) == c)
                let drawn = String(buf.lines[1].dropFirst(c.x).prefix(c.label.count))
                #expect(drawn == String(c.label.prefix(c.width)), "width \(width): \(c.label) at \(c.x) reads '\(drawn)'")
            }
            #expect(HostColumns.hit(x: width + 5, in: columns) == nil)
        }
    }

    @Test func theWheelScrollsThePaneUnderThePointer() {
        let s = T.press(T.state(hosts: 30, log: 100), .pageDown).0
        let up = Self.click(s, 5, 5, .wheelUp).0
        #expect(up.hostIndex == s.hostIndex - Reducer.wheelStep && up.focus == .hosts)
        #expect(Self.click(s, 5, 5, .wheelDown).0.hostIndex == s.hostIndex + Reducer.wheelStep)
        let log = Self.click(s, 70, 22, .wheelUp).0
        #expect(log.focus == .hosts && !log.logView.following && log.hostIndex == s.hostIndex, "the log scrolls, the focus stays")
        #expect(Self.click(log, 70, 22, .wheelDown).0.logView.following)
    }
}
