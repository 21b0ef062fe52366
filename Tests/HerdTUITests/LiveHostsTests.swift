import Foundation
import HerdCore
import HerdTUI
import Testing

/// Hosts arriving one by one: the roster is on screen before any answer, each row fills in as its host answers,
/// the status line counts hosts that answered, and a host still connecting says so, and for how long. Rows start
/// with the two-cell trouble marker.
@Suite struct LiveHostsTests {
    static let t0 = PaneTests.now
    static let roster = ["a", "b", "c"].map { HerdCore.Host(name: $0, ssh: $0) }

    @Test func theRosterShowsAtOnceAndRowsFillInAsHostsAnswer() throws {
        var s = Reducer.reduce(AppState(), .roster(Self.roster)).0
        s = Reducer.reduce(s, .snapshot(Snapshot(takenAt: Self.t0, hosts: Self.roster.map { HostState(host: $0) }))).0
        var buf = Dashboard.render(s, width: 100, height: 20)
        #expect(buf.lines.contains { $0.dropFirst(2).hasPrefix("a") && $0.contains("connecting 0s") })
        #expect(buf.lines.last?.contains("0/3 answered · 0 up · 3 connecting") == true, "\(buf.lines.last ?? "")")

        // a answers; b is refused; c is still starting 4 s later.
        let up = HostState(host: Self.roster[0], status: .complete,
                           usage: HostUsage(os: "linux", cpus: 8, load: [1.25, 0, 0], memTotal: 8 << 30, memAvailable: 4 << 30), lastSeen: Self.t0)
        s = Reducer.reduce(s, .hosts([up], at: Self.t0.addingTimeInterval(1))).0
        s = Reducer.reduce(s, .hosts([HostState(host: Self.roster[1], status: .unreachable, reasons: ["Connection refused"], failures: 1)], at: Self.t0.addingTimeInterval(2))).0
        s.now = Self.t0.addingTimeInterval(4)
        buf = Dashboard.render(s, width: 100, height: 20)
        let a = try #require(buf.lines.firstIndex { $0.dropFirst(2).hasPrefix("a ") })
        #expect(buf.lines[a].contains("1.25") && !buf.lines[a].contains("connecting"))
        let c = try #require(buf.lines.firstIndex { $0.dropFirst(2).hasPrefix("c ") })
        #expect(buf.lines[c].contains("connecting 4s"), "\(buf.lines[c])")
        let col = try #require(buf.lines[c].range(of: "connecting").map { buf.lines[c].distance(from: buf.lines[c].startIndex, to: $0.lowerBound) })
        #expect(buf[col, c].style.fg == .warning, "connecting is shown in the warning colour")
        #expect(buf.lines.last?.contains("1/3 answered · 1 up · 1 down · 1 connecting") == true, "\(buf.lines.last ?? "")")
        #expect(s.hostsAnswered == 1 && s.hostsUp == 1 && s.hostsTotal == 3)

        // c answers: the counts settle to the short form.
        s = Reducer.reduce(s, .hosts([HostState(host: Self.roster[2], status: .complete, lastSeen: Self.t0)], at: Self.t0.addingTimeInterval(5))).0
        buf = Dashboard.render(s, width: 100, height: 20)
        #expect(buf.lines.last?.contains("2 up · 1 down") == true && buf.lines.last?.contains("answered") == false)
        #expect(!buf.lines.joined().contains("connecting"))
    }

    @Test func aHostProbedForAnOldTargetOrGoneFromTheRosterIsNotMerged() {
        var s = Reducer.reduce(AppState(), .roster(Self.roster)).0
        s = Reducer.reduce(s, .snapshot(Snapshot(takenAt: Self.t0, hosts: Self.roster.map { HostState(host: $0) }))).0
        s = Reducer.reduce(s, .hosts([HostState(host: HerdCore.Host(name: "a", ssh: "elsewhere"), status: .complete),
                                      HostState(host: HerdCore.Host(name: "zz", ssh: "zz"), status: .complete)], at: Self.t0)).0
        #expect(s.visibleHosts.map(\.host.name) == ["a", "b", "c"] && s.visibleHosts.allSatisfy { $0.status == .pending })
    }

    @Test func hostEventsBetweenTwoFramesAreAppliedAsOne() {
        let h = { (n: String) in AppEvent.hosts([HostState(host: HerdCore.Host(name: n, ssh: n))], at: Self.t0) }
        let merged = AppEvent.coalescingHosts([h("a"), h("b"), .message("x"), h("c"), h("a")])
        #expect(merged.count == 3)
        if case .hosts(let states, _) = merged[0] { #expect(states.map(\.host.name) == ["a", "b"]) } else { Issue.record("\(merged)") }
        #expect(merged[1] == .message("x"))
    }
}

/// The log pane's last row is the log's last line, not the empty string after its final newline.
@Suite struct LogPaneTailTests {
    @Test func aTrailingNewlineLeavesNoEmptyLastRow() {
        var s = AppState()
        s = Reducer.reduce(s, .log(title: "log", lines: ["one", "two", "three", ""])).0
        var buf = CellBuffer(width: 30, height: 3)
        LogPane.render(into: &buf, area: buf.area, state: s)
        #expect(buf.lines == ["─ log ────────────────────────", "two", "three"])
    }
}
