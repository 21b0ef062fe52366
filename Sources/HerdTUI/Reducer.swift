import Foundation
import HerdCore

/// The only place the dashboard's state changes: `reduce(state, event)` returns the new state and the effects.
public enum Reducer {
    public static func reduce(_ state: AppState, _ event: AppEvent) -> (AppState, [Effect]) {
        var (s, effects) = apply(state, event)
        let newSnapshot = s.snapshot != state.snapshot
        if newSnapshot { s.hostsView.observe(s.snapshot?.hosts ?? [], now: s.now) }
        if newSnapshot || s.filter != state.filter || s.sort != state.sort || s.sortReversed != state.sortReversed
            || s.hostsView.pinTrouble != state.hostsView.pinTrouble {
            s.refreshVisible()
            s.followSelection(from: state)
        } else if s.hostIndex != state.hostIndex {
            s.selectedHostName = s.selectedHost?.host.name
        }
        return (s, effects)
    }

    private static func apply(_ state: AppState, _ event: AppEvent) -> (AppState, [Effect]) {
        var s = state
        switch event {
        case .snapshot(let snap):
            s.setSnapshot(snap)
            s.now = snap.takenAt
            return (s, [])
        case .roster(let hosts):
            if let old = s.roster, let change = RosterChange(old: old, new: hosts).text { s.message = change }
            s.roster = hosts
            s.rosterWarning = ""
            if let snap = s.snapshot { s.setSnapshot(snap) }
            return (s, [])
        case .rosterUnreadable(let reason):
            s.rosterWarning = "\(reason); using the last good roster"
            return (s, [])
        case .jobs(let jobs):
            let selected = s.selectedJob?.id
            s.jobs = jobs
            s.jobIndex = jobs.firstIndex { $0.id == selected } ?? min(s.jobIndex, max(0, jobs.count - 1))
            // The log pane shows the selected job: the first job to appear, or the one selected after the followed
            // job went, is followed without a key.
            if let now = s.selectedJob?.id, now != selected { return (s, [.followLog(jobID: now)]) }
            return (s, [])
        case .log(let title, let lines):
            if title != s.logTitle { s.logView = LogView() }
            s.logTitle = title
            s.log = lines
            return (s, [])
        case .placement(let query, let candidates):
            s.placementQuery = query
            s.placement = candidates
            return (s, [])
        case .message(let m):
            s.message = m
            return (s, [])
        case .confirmClean(let host, let planned, let summary):
            let question = "\(summary) — clean \(host ?? "all shared hosts") now? (y/n)"
            s.mode = .confirm(question, .clean(host: host, planned: planned))
            s.askWithEvidence(question)
            return (s, [])
        case .tick(let now):
            s.now = now
            return (s, [])
        case .reservations(let r):
            s.hostsView.reservations = r
            return (s, [])
        case .hosts(let states, let time):
            s.mergeHosts(states, at: time)
            return (s, [])
        case .result(let title, let lines):
            s.result = ResultView(title: title, lines: lines)
            return (s, [])
        case .key(let key):
            return onKey(s, key)
        }
    }

    private static func onKey(_ state: AppState, _ key: Key) -> (AppState, [Effect]) {
        if let handled = onResultKey(state, key) { return handled }
        var s = state
        switch s.mode {
        case .help:
            s.mode = .normal
            return (s, [])
        case .confirm(_, let effect):
            if case .mouse = key { return (s, []) }
            s.mode = .normal
            if key == .char("y") || key == .char("Y") { return (s, [effect]) }
            s.message = "cancelled"
            return (s, [])
        case .input(let kind, _):
            return inputKey(s, kind, key)
        case .normal:
            break
        }
        if let handled = HostsViewKeys.handle(s, key) { return handled }
        if case .mouse(let m) = key { return mouse(s, m) }
        guard let action = KeyMap.action(for: key) else { return (s, []) }
        s.message = ""
        switch action {
        case .quit: return (s, [.quit])
        case .help: s.mode = .help
        case .refresh: return (s, [.refresh])
        case .nextPane:
            s.focus = AppState.Focus(rawValue: (s.focus.rawValue + 1) % AppState.Focus.allCases.count) ?? .hosts
            // Entering the jobs pane: the selected job's log follows.
            if s.focus == .jobs, let j = s.selectedJob { return (s, [.followLog(jobID: j.id)]) }
        case .moveUp, .moveDown, .top, .bottom, .pageUp, .pageDown, .previousPane, .reverseSort, .palette, .searchNext, .searchPrevious,
             .follow, .back, .mouse:
            return navigate(s, action)
        case .filter: return s.focus == .log ? beginInput(s, .logSearch, s.logView.search) : beginInput(s, .filter, s.filter)
        case .sort: s.sort = AppState.Sort.allCases[((AppState.Sort.allCases.firstIndex(of: s.sort) ?? 0) + 1) % AppState.Sort.allCases.count]
        case .runOnAll: return beginInput(s, .runOnAll, "")
        case .placement: return beginInput(s, .placement, s.placementQuery)
        case .attach:
            guard let j = s.selectedJob else { s.message = "no job selected"; break }
            return (s, [.attach(jobID: j.id)])
        case .stop:
            guard let j = s.selectedJob else { s.message = "no job selected"; break }
            guard j.status.isLive else { s.message = "\(j.shortID) already ended"; break }
            s.mode = .confirm("stop job \(j.shortID) on \(j.host)? (y/n)", .stop(jobID: j.id))
        case .clean:
            guard let h = s.selectedHost else { s.message = "no host selected"; break }
            return (s, [.cleanDryRun(host: h.host.name)])
        case .cleanAll:
            return (s, [.cleanDryRun(host: nil)])
        case .pinTrouble:
            break // HostsViewKeys
        }
        return (s, [])
    }
}
