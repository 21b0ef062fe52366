import Foundation
import HerdCore
import HerdTUI
import Testing

/// The roster-changed events of the reducer, and the confirm-time re-check of an action's hosts.
@Suite struct RosterReloadTests {
    static func host(_ name: String, ssh: String? = nil, shared: Bool = true, clean: Bool = true) -> HerdCore.Host {
        HerdCore.Host(name: name, ssh: ssh ?? name, shared: shared, clean: clean)
    }

    static let roster = [host("a"), host("b"), host("c")]

    /// A state whose roster is `roster` and whose snapshot has every host up.
    static func probed() -> AppState {
        var s = Reducer.reduce(AppState(), .roster(roster)).0
        let states = roster.map { HostState(host: $0, status: .complete, lastSeen: PaneTests.now) }
        s = Reducer.reduce(s, .snapshot(Snapshot(takenAt: PaneTests.now, hosts: states))).0
        return s
    }

    @Test func removedHostsLeaveTheTableAndNewOnesShowPending() {
        var s = Self.probed()
        #expect(s.visibleHosts.map(\.host.name) == ["a", "b", "c"] && s.hostsUp == 3)
        s.hostIndex = 2
        s = Reducer.reduce(s, .roster([Self.host("a"), Self.host("c"), Self.host("d")])).0
        #expect(s.visibleHosts.map(\.host.name) == ["a", "c", "d"])
        #expect(s.visibleHosts.map(\.status) == [.complete, .complete, .pending])
        #expect(s.hostsTotal == 3 && s.hostsUp == 2)
        #expect(s.message == "roster reloaded: +d −b")
        s = Reducer.reduce(s, .roster([Self.host("a")])).0
        #expect(s.hostIndex == 0, "the selection stays inside the shorter table")
    }

    @Test func changedFlagsShowAtOnceAndATargetChangeDropsTheOldProbe() {
        var s = Self.probed()
        s = Reducer.reduce(s, .roster([Self.host("a", shared: false), Self.host("b", ssh: "elsewhere"), Self.host("c", clean: false)])).0
        #expect(s.visibleHosts.map(\.host.dedicated) == [true, false, false])
        #expect(s.visibleHosts.map(\.status) == [.complete, .pending, .complete], "b's probe was of its old target")
        #expect(s.message == "roster reloaded: ~a,b,c")
        let frame = Dashboard.render(s, width: 100, height: 20).lines.joined(separator: "\n")
        #expect(frame.contains("  a     [ded]"))
    }

    @Test func aLateSnapshotOfTheOldHostSetDoesNotBringRemovedHostsBack() {
        var s = Self.probed()
        s = Reducer.reduce(s, .roster([Self.host("a")])).0
        let old = Self.roster.map { HostState(host: $0, status: .complete) }
        s = Reducer.reduce(s, .snapshot(Snapshot(takenAt: PaneTests.now, hosts: old))).0
        #expect(s.visibleHosts.map(\.host.name) == ["a"])
    }

    @Test func anUnreadableRosterKeepsTheLastGoodOneAndWarnsUntilItReadsAgain() {
        var s = Self.probed()
        s = Reducer.reduce(s, .rosterUnreadable("/h/hosts.json: line 3: unexpected end")).0
        #expect(s.visibleHosts.count == 3 && s.roster == Self.roster)
        let status = Dashboard.render(s, width: 120, height: 20).lines.last ?? ""
        #expect(status.contains("/h/hosts.json: line 3: unexpected end; using the last good roster"))
        s = Reducer.reduce(s, .key(.char("j"))).0
        #expect(!s.rosterWarning.isEmpty, "a key does not hide the warning")
        s = Reducer.reduce(s, .roster(Self.roster)).0
        #expect(s.rosterWarning.isEmpty && s.message.isEmpty, "the same roster read well again: no change to report")
    }

    @Test func theFirstRosterIsNoChangeAndARosterBeforeAnySnapshotShowsNothingYet() {
        let s = Reducer.reduce(AppState(), .roster(Self.roster)).0
        #expect(s.message.isEmpty && s.snapshot == nil && s.visibleHosts.isEmpty)
    }

    @Test func recheckSkipsRemovedNoCleanAndNewlyDedicatedHosts() {
        let planned = [Self.host("a"), Self.host("b"), Self.host("c"), Self.host("d"), Self.host("e")]
        let current = [Self.host("a"), Self.host("b", clean: false), Self.host("c", shared: false), Self.host("e", ssh: "other"), Self.host("f")]
        let clean = RosterRecheck.check(planned: planned, current: current, sharedOnly: true, needsClean: true)
        #expect(clean.hosts.map(\.name) == ["a"], "f was added after the plan: not taken")
        #expect(clean.skippedText() == "skipped b (clean: false), c (now dedicated), d (removed from the roster), e (its target changed)")
        let run = RosterRecheck.check(planned: planned, current: current, sharedOnly: true, needsClean: false)
        #expect(run.hosts.map(\.name) == ["a", "b"])
        #expect(run.skippedText(limit: 2) == "skipped c (now dedicated), d (removed from the roster), 1 more")
    }

    @Test func aHostThatWasDedicatedWhenNamedStaysAllowedUnlessTheActionIsForSharedHosts() {
        let ded = Self.host("x", shared: false)
        #expect(RosterRecheck.check(planned: [ded], current: [ded], sharedOnly: false, needsClean: true).hosts == [ded])
        let all = RosterRecheck.check(planned: [ded], current: [ded], sharedOnly: true, needsClean: false)
        #expect(all.hosts.isEmpty && all.skippedText() == "skipped x (dedicated)")
        let current = [Self.host("x", shared: false, clean: false)]
        #expect(RosterRecheck.check(planned: [ded], current: current, sharedOnly: false, needsClean: true).skippedText() == "skipped x (clean: false)")
        #expect(RosterRecheck.check(planned: [], current: current, sharedOnly: false, needsClean: false).skippedText() == "")
    }
}
