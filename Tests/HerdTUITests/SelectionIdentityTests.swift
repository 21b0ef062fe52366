import Foundation
import HerdCore
import HerdTUI
import Testing

/// The host cursor follows the host (by name), never the row: sorts whose values move, filters that hide and show
/// it, roster reloads and refreshes; actions act on the host that is selected.
@Suite struct SelectionIdentityTests {
    static let now = PaneTests.now

    static func host(_ name: String, load: Double, status: HostStatus = .complete) -> HostState {
        HostState(host: HerdCore.Host(name: name, ssh: name), status: status,
                  usage: HostUsage(os: "linux", cpus: 8, load: [load, 0, 0], memTotal: 8 << 30, memAvailable: 4 << 30), lastSeen: now)
    }

    static func snap(_ loads: [(String, Double)]) -> AppEvent {
        .snapshot(Snapshot(takenAt: now, hosts: loads.map { host($0.0, load: $0.1) }))
    }

    /// Moves the cursor down to `name`.
    static func select(_ name: String, in state: AppState) -> AppState {
        var s = state
        while s.selectedHost?.host.name != name, s.hostIndex < s.visibleHosts.count - 1 { s = Reducer.reduce(s, .key(.char("j"))).0 }
        while s.selectedHost?.host.name != name, s.hostIndex > 0 { s = Reducer.reduce(s, .key(.char("k"))).0 }
        return s
    }

    @Test func aSortedViewKeepsTheHostWhenValuesMoveAndCActsOnIt() {
        var s = Reducer.reduce(AppState(), Self.snap([("a", 1), ("b", 5), ("c", 3)])).0
        s = Reducer.reduce(s, .key(.char("S"))).0  // by load
        #expect(s.sort == .load && s.visibleHosts.map(\.host.name) == ["b", "c", "a"])
        s = Self.select("c", in: s)
        #expect(s.hostIndex == 1)
        // Loads move: c becomes the busiest, then the idlest. The cursor rides along; the row number changes.
        s = Reducer.reduce(s, Self.snap([("a", 1), ("b", 5), ("c", 9)])).0
        #expect(s.visibleHosts.map(\.host.name) == ["c", "b", "a"] && s.hostIndex == 0 && s.selectedHost?.host.name == "c")
        s = Reducer.reduce(s, Self.snap([("a", 1), ("b", 5), ("c", 0)])).0
        #expect(s.hostIndex == 2 && s.selectedHost?.host.name == "c")
        #expect(Reducer.reduce(s, .key(.char("c"))).1 == [.cleanDryRun(host: "c")], "c acts on the host, not on row 2's old occupant")
        // Changing the sort itself keeps the host too.
        s = Reducer.reduce(s, .key(.char("S"))).0
        #expect(s.sort == .ram && s.selectedHost?.host.name == "c")
    }

    @Test func aFilterThatHidesTheHostSelectsANeighbourAndClearingItSelectsTheHostAgain() {
        var s = Reducer.reduce(AppState(), Self.snap([("web1", 1), ("db1", 1), ("web2", 1), ("db2", 1)])).0
        s = Self.select("db1", in: s)
        for c in "/web" { s = Reducer.reduce(s, .key(.char(c))).0 }
        #expect(s.visibleHosts.map(\.host.name) == ["web1", "web2"])
        #expect(s.selectedHost?.host.name == "web2", "the nearest neighbour below db1 still shown")
        #expect(Reducer.reduce(s, .key(.char("c"))).1.isEmpty, "keys go to the prompt while typing")
        s = Reducer.reduce(s, .key(.enter)).0
        #expect(Reducer.reduce(s, .key(.char("c"))).1 == [.cleanDryRun(host: "web2")], "c acts on the host shown selected")
        // A refresh while filtered keeps the neighbour and the remembered choice.
        s = Reducer.reduce(s, Self.snap([("web1", 2), ("db1", 2), ("web2", 2), ("db2", 2)])).0
        #expect(s.selectedHost?.host.name == "web2" && s.selectedHostName == "db1")
        // Clearing the filter reveals db1: it is selected again.
        s = Reducer.reduce(s, .key(.char("/"))).0
        for _ in 0..<3 { s = Reducer.reduce(s, .key(.backspace)).0 }
        s = Reducer.reduce(s, .key(.enter)).0
        #expect(s.filter.isEmpty && s.visibleHosts.count == 4)
        #expect(s.selectedHost?.host.name == "db1")
    }

    @Test func movingWhileTheChoiceIsHiddenMakesTheNewHostTheChoice() {
        var s = Reducer.reduce(AppState(), Self.snap([("web1", 1), ("db1", 1), ("web2", 1)])).0
        s = Self.select("db1", in: s)
        for c in "/web" { s = Reducer.reduce(s, .key(.char(c))).0 }
        s = Reducer.reduce(s, .key(.enter)).0
        s = Reducer.reduce(s, .key(.char("k"))).0
        #expect(s.selectedHost?.host.name == "web1")
        s = Reducer.reduce(s, .key(.char("/"))).0
        s = Reducer.reduce(s, .key(.escape)).0
        #expect(s.filter.isEmpty && s.selectedHost?.host.name == "web1")
    }

    @Test func aHostRemovedFromTheRosterHandsTheCursorToItsNearestNeighbour() {
        let hosts = ["a", "b", "c", "d"].map { HerdCore.Host(name: $0, ssh: $0) }
        var s = Reducer.reduce(AppState(), .roster(hosts)).0
        s = Reducer.reduce(s, Self.snap([("a", 1), ("b", 1), ("c", 1), ("d", 1)])).0
        s = Self.select("c", in: s)
        s = Reducer.reduce(s, .roster([hosts[0], hosts[1], hosts[3]])).0
        #expect(s.visibleHosts.map(\.host.name) == ["a", "b", "d"])
        #expect(s.selectedHost?.host.name == "d" && s.selectedHostName == "d", "the next row down takes over")
        // The last host removed: the one above.
        s = Reducer.reduce(s, .roster([hosts[0], hosts[1]])).0
        #expect(s.selectedHost?.host.name == "b")
        // A host added above does not move the cursor off b.
        s = Reducer.reduce(s, .roster([HerdCore.Host(name: "0new", ssh: "0new"), hosts[0], hosts[1]])).0
        #expect(s.visibleHosts.map(\.host.name) == ["0new", "a", "b"] && s.selectedHost?.host.name == "b")
    }

    @Test func singleHostUpdatesKeepTheSelectionInASortedView() {
        var s = Reducer.reduce(AppState(), Self.snap([("a", 1), ("b", 5), ("c", 3)])).0
        s = Reducer.reduce(s, .key(.char("S"))).0
        s = Self.select("a", in: s)
        s = Reducer.reduce(s, .hosts([Self.host("a", load: 7)], at: Self.now)).0
        #expect(s.visibleHosts.map(\.host.name) == ["a", "b", "c"] && s.selectedHost?.host.name == "a")
    }

    @Test func theJobCursorFollowsTheJobIDWhenTheListChanges() {
        func job(_ n: Int) -> Job {
            Job(id: String(format: "%08x", n) + "-0000-0000-0000-000000000000", host: "a", command: ["sleep", "1"], clientCwd: "/",
                startedAt: Self.now, endedAt: nil, exitCode: nil, status: .running)
        }
        // The first jobs to appear: the log pane follows the selected one without a key.
        let first = Reducer.reduce(AppState(), .jobs([job(1), job(2), job(3)]))
        #expect(first.1 == [.followLog(jobID: job(1).id)])
        var s = first.0
        #expect(Reducer.reduce(s, .jobs([job(1), job(2), job(3)])).1.isEmpty, "the same selection is not followed again")
        s = Reducer.reduce(s, .key(.tab)).0
        s = Reducer.reduce(s, .key(.char("j"))).0
        #expect(s.selectedJob?.id == job(2).id)
        s = Reducer.reduce(s, .jobs([job(0), job(1), job(2), job(3)])).0
        #expect(s.selectedJob?.id == job(2).id && s.jobIndex == 2)
        #expect(Reducer.reduce(s, .key(.char("a"))).1 == [.attach(jobID: job(2).id)])
        // The followed job goes (rm): the job now under the cursor is followed.
        let gone = Reducer.reduce(s, .jobs([job(0), job(1), job(3)]))
        #expect(gone.0.selectedJob?.id == job(3).id && gone.1 == [.followLog(jobID: job(3).id)])
    }
}
