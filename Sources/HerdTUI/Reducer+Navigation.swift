/// Moving around: rows, pages, first/last, panes, the log view (scroll, search, follow) and the sort direction.
extension Reducer {
    /// The page size of the focused list, from the last frame's layout (10 before the first frame).
    static func pageRows(_ s: AppState) -> Int {
        guard let layout = DashboardLayout.of(s) else { return 10 }
        switch s.focus {
        case .hosts: return max(1, layout.hostRows)
        case .jobs: return max(1, layout.jobRows)
        case .log: return max(1, layout.logRows)
        }
    }

    /// Lines of log the log pane shows.
    static func logRows(_ s: AppState) -> Int { max(1, DashboardLayout.of(s)?.logRows ?? 10) }

    /// Moves the selection of the focused list by `delta` rows (clamped), or scrolls the log.
    static func move(_ state: AppState, by delta: Int) -> (AppState, [Effect]) {
        var s = state
        switch s.focus {
        case .hosts:
            s.hostIndex = max(0, min(s.visibleHosts.count - 1, s.hostIndex + delta))
        case .jobs:
            let before = s.jobIndex
            s.jobIndex = max(0, min(s.jobs.count - 1, s.jobIndex + delta))
            if s.jobIndex != before, let j = s.selectedJob { return (s, [.followLog(jobID: j.id)]) }
        case .log:
            s.logView.scroll(by: delta, count: s.log.count, rows: logRows(s))
        }
        return (s, [])
    }

    /// The keys added for keyboard parity (issue 14).
    static func navigate(_ state: AppState, _ action: Action) -> (AppState, [Effect]) {
        var s = state
        switch action {
        case .moveUp: return move(s, by: -1)
        case .moveDown: return move(s, by: 1)
        case .pageUp: return move(s, by: -pageRows(s))
        case .pageDown: return move(s, by: pageRows(s))
        case .top:
            if s.focus == .log { s.logView.toTop(); return (s, []) }
            return move(s, by: -(s.focus == .hosts ? s.hostIndex : s.jobIndex))
        case .bottom:
            if s.focus == .log { s.logView.follow(); return (s, []) }
            return move(s, by: s.focus == .hosts ? s.visibleHosts.count - 1 - s.hostIndex : s.jobs.count - 1 - s.jobIndex)
        case .previousPane:
            let n = AppState.Focus.allCases.count
            s.focus = AppState.Focus(rawValue: (s.focus.rawValue + n - 1) % n) ?? .hosts
            if s.focus == .jobs, let j = s.selectedJob { return (s, [.followLog(jobID: j.id)]) }
        case .reverseSort:
            s.sortReversed.toggle()
        case .palette:
            return beginInput(s, .palette, "")
        case .searchNext, .searchPrevious:
            guard s.focus == .log else { break }
            guard !s.logView.search.isEmpty else { s.message = "no search: / in the log pane searches"; break }
            if !s.logView.find(in: s.log, rows: logRows(s), backward: action == .searchPrevious) {
                s.message = "'\(s.logView.search)' not found in the log"
            }
        case .follow:
            guard s.focus == .log else { break }
            if s.logView.following {
                s.logView.top = s.logView.first(count: s.log.count, rows: logRows(s))
            } else {
                s.logView.follow()
            }
        case .back:
            if s.focus == .log, !s.logView.search.isEmpty {
                s.logView.search = ""
                s.logView.match = nil
            } else if !s.filter.isEmpty {
                s.filter = ""
            }
        default:
            break
        }
        return (s, [])
    }
}
