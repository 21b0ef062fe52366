/// The mouse: a click focuses a pane and selects the row under it (a click on a host-table header sorts by that
/// column, again to reverse); the wheel scrolls the pane under the pointer. Hit-testing uses the last frame's layout.
/// While an action's result is shown it is modal: the wheel scrolls it and clicks reach no pane under it.
extension Reducer {
    /// Rows the wheel moves per step.
    public static let wheelStep = 3

    static func mouse(_ state: AppState, _ m: MouseEvent) -> (AppState, [Effect]) {
        var s = state
        // Only `onResultKey` gets here with a result shown (in normal or confirm mode).
        if var view = s.result {
            let last = max(0, view.lines.count - 1)
            switch m.kind {
            case .wheelUp: view.scroll = max(0, view.scroll - wheelStep)
            case .wheelDown: view.scroll = min(last, view.scroll + wheelStep)
            case .click: break
            }
            s.result = view
            return (s, [])
        }
        guard s.mode == .normal, let layout = DashboardLayout.of(s) else { return (s, []) }
        let pane: AppState.Focus
        let area: Rect
        if contains(layout.hosts, m) { (pane, area) = (.hosts, layout.hosts) }
        else if contains(layout.jobs, m) { (pane, area) = (.jobs, layout.jobs) }
        else if contains(layout.right, m) { (pane, area) = (.log, layout.right) }
        else { return (s, []) }
        switch m.kind {
        case .wheelUp, .wheelDown:
            let was = s.focus
            s.focus = pane
            let (moved, effects) = move(s, by: m.kind == .wheelUp ? -wheelStep : wheelStep)
            s = moved
            s.focus = was
            return (s, effects)
        case .click:
            let before = s.focus
            s.focus = pane
            let row = m.y - area.y
            switch pane {
            case .hosts:
                if row == 1 { return headerClick(s, x: m.x, inner: Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)) }
                let rows = layout.hostRows, count = s.visibleHosts.count
                let i = ListWindow.first(selected: s.hostIndex, count: count, rows: rows) + row - 2
                if row >= 2, i < count { s.hostIndex = i }
            case .jobs:
                let rows = layout.jobRows, count = s.jobs.count
                let i = ListWindow.first(selected: s.jobIndex, count: count, rows: rows) + row - 1
                if row >= 1, i < count, i != s.jobIndex || before != .jobs {
                    s.jobIndex = i
                    if let j = s.selectedJob { return (s, [.followLog(jobID: j.id)]) }
                }
            case .log:
                break
            }
            return (s, [])
        }
    }

    /// A click on the host table's header: sort by that column; the column already sorted by reverses.
    static func headerClick(_ state: AppState, x: Int, inner: Rect) -> (AppState, [Effect]) {
        var s = state
        guard let sort = HostColumns.hit(x: x, in: HostColumns.layout(inner, hosts: s.visibleHosts))?.sort else { return (s, []) }
        if s.sort == sort { s.sortReversed.toggle() } else {
            s.sort = sort
            s.sortReversed = false
        }
        return (s, [])
    }

    private static func contains(_ r: Rect, _ m: MouseEvent) -> Bool {
        m.x >= r.x && m.x < r.x + r.width && m.y >= r.y && m.y < r.y + r.height
    }
}
