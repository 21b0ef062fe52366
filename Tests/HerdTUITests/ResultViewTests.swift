import Foundation
import HerdCore
import HerdTUI
import Testing

/// Action results get a view of their own: it stays until dismissed, scrolls, is never replaced by the job log,
/// and a destructive confirmation is asked under its evidence.
@Suite struct ResultViewTests {
    static let output = ["── tb[01-02] (2)", "Linux"] + (1...40).map { "line \($0)" } + ["2 ok, 0 failed"]

    @Test func theResultStaysOverLogUpdatesAndClosesOnlyWhenDismissed() throws {
        var s = PaneTests.state(hosts: 3, jobs: 1)
        s = Reducer.reduce(s, .result(title: "on all: uname", lines: Self.output)).0
        for i in 0..<5 { s = Reducer.reduce(s, .log(title: "log 00000000 (tb01)", lines: ["follower \(i)"])).0 }
        s = Reducer.reduce(s, .snapshot(Snapshot(takenAt: PaneTests.now, hosts: s.snapshot?.hosts ?? []))).0
        var buf = Dashboard.render(s, width: 100, height: 24)
        let text = buf.lines.joined(separator: "\n")
        #expect(text.contains("on all: uname") && text.contains("── tb[01-02] (2)") && text.contains("Linux"))
        #expect(!text.contains("follower"), "the log pane is under the result box")
        // Styles, not only text: the group header in the header colour, the frame in the title colour.
        let row = try #require(buf.lines.firstIndex { $0.contains("── tb[01-02] (2)") })
        let col = try #require(buf.lines[row].range(of: "── tb").map { buf.lines[row].distance(from: buf.lines[row].startIndex, to: $0.lowerBound) })
        #expect(buf[col, row].style.fg == .header && buf[col, row].style.bold)
        #expect(buf[1, 1].char == "┌" && buf[1, 1].style.fg == .title)
        // Keys other than close and scroll do nothing while it is shown; q closes it rather than quitting.
        #expect(Reducer.reduce(s, .key(.char("c"))).1.isEmpty)
        let (closed, effects) = Reducer.reduce(s, .key(.char("q")))
        #expect(effects.isEmpty && closed.result == nil)
        #expect(Reducer.reduce(s, .key(.escape)).0.result == nil && Reducer.reduce(s, .key(.enter)).0.result == nil)
        #expect(Reducer.reduce(s, .key(.ctrl("c"))).1 == [.quit])
        // Scrolling: the last line comes into view, the footer says where.
        for _ in 0..<3 { s = Reducer.reduce(s, .key(.pageDown)).0 }
        buf = Dashboard.render(s, width: 100, height: 24)
        let scrolled = buf.lines.joined(separator: "\n")
        #expect(scrolled.contains("2 ok, 0 failed") && !scrolled.contains("── tb[01-02]"))
        #expect(scrolled.contains("/43 · j/k scroll · Esc/Enter/q close"))
        s = Reducer.reduce(s, .key(.char("g"))).0
        #expect(s.result?.scroll == 0)
    }

    /// The result view is modal for the mouse too: the wheel scrolls it, a click selects no host under it.
    @Test func theWheelScrollsTheResultAndClicksDoNotReachThePanesUnderIt() throws {
        var s = PaneTests.state(hosts: 6)
        s = Reducer.reduce(s, .result(title: "on all: uname", lines: Self.output)).0
        let host = s.hostIndex
        s = Reducer.reduce(s, .key(.mouse(MouseEvent(.wheelDown, x: 10, y: 5)))).0
        #expect(s.result?.scroll == Reducer.wheelStep)
        s = Reducer.reduce(s, .key(.mouse(MouseEvent(.wheelUp, x: 10, y: 5)))).0
        #expect(s.result?.scroll == 0)
        let clicked = Reducer.reduce(s, .key(.mouse(MouseEvent(.click, x: 5, y: 5))))
        #expect(clicked.0.hostIndex == host && clicked.0.result != nil && clicked.1.isEmpty)
        #expect(clicked.0.sort == s.sort)
    }

    @Test func aCleanIsConfirmedUnderItsDryRunFigures() throws {
        let s0 = PaneTests.state(hosts: 3)
        let planned = s0.visibleHosts.map(\.host)
        var s = Reducer.reduce(s0, .result(title: "clean all shared hosts (dry run)", lines: ["tb01: would free 1.0G", "tb02: would free 2.0G"])).0
        s = Reducer.reduce(s, .log(title: "log", lines: ["a log line"])).0
        s = Reducer.reduce(s, .confirmClean(host: nil, planned: planned, summary: "would free 3.0G on tb01,tb02")).0
        let buf = Dashboard.render(s, width: 100, height: 24)
        let text = buf.lines.joined(separator: "\n")
        #expect(text.contains("tb01: would free 1.0G") && text.contains("tb02: would free 2.0G"))
        let ask = try #require(buf.lines.firstIndex { $0.contains("│would free 3.0G on tb01,tb02 — clean all shared hosts now? (y/n)") })
        #expect(buf[2, ask].style.fg == .warning && buf[2, ask].style.bold)
        #expect(buf.lines.last?.contains("clean all shared hosts now? (y/n)") == true, "the status line asks too")
        // Scrolling the evidence does not answer; y does.
        let scrolled = Reducer.reduce(s, .key(.char("j")))
        #expect(scrolled.1.isEmpty && scrolled.0.result != nil)
        let yes = Reducer.reduce(scrolled.0, .key(.char("y")))
        #expect(yes.1 == [.clean(host: nil, planned: planned)] && yes.0.result == nil && yes.0.mode == .normal)
        let no = Reducer.reduce(s, .key(.char("n")))
        #expect(no.1.isEmpty && no.0.result == nil && no.0.message == "cancelled")
    }

    @Test func tinyAreasDrawNothingAndNeverTrap() {
        for (w, h) in [(0, 0), (1, 1), (2, 5), (3, 3), (60, 12)] {
            var buf = CellBuffer(width: w, height: h)
            ResultPane.render(into: &buf, area: buf.area, view: ResultView(title: "t", lines: Self.output, question: "sure? (y/n)"))
            #expect(buf.width == w)
        }
    }
}
