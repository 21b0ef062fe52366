/// Lays the panes out in a window of a given size and renders a whole frame.
public enum Dashboard {
    /// The smallest window the dashboard draws in; below it a "terminal too small" message shows.
    public static let minWidth = 60
    public static let minHeight = 12

    /// The frame for `state` in a `width` × `height` window.
    public static func render(_ state: AppState, width: Int, height: Int) -> CellBuffer {
        var buf = CellBuffer(width: width, height: height)
        guard width >= minWidth, height >= minHeight else {
            let msg = "terminal too small: \(width)x\(height), need \(minWidth)x\(minHeight)"
            buf.put(msg, x: 0, y: min(height / 2, max(0, height - 1)), style: Style(fg: .warning, bold: true))
            return buf
        }
        guard let layout = DashboardLayout.of(width: width, height: height, hosts: state.hostsTotal, jobs: state.jobs.count) else { return buf }
        let (hostsArea, jobsArea, rightArea, status) = (layout.hosts, layout.jobs, layout.right, layout.status)
        let main = Rect(x: 0, y: 0, width: width, height: height - 1)
        HostsPane.render(into: &buf, area: hostsArea, state: state)
        JobsPane.render(into: &buf, area: jobsArea, state: state)
        if !state.placement.isEmpty && state.focus != .log {
            PlacementPane.render(into: &buf, area: rightArea, state: state)
        } else {
            LogPane.render(into: &buf, area: rightArea, state: state)
        }
        StatusLine.render(into: &buf, area: status, state: state)
        if state.hostsView.detail != nil { HostDetailPane.render(into: &buf, area: main, state: state) }
        if let view = state.result { ResultPane.render(into: &buf, area: ResultPane.area(width: width, height: height), view: view) }
        if state.mode == .help {
            let lines = HelpPane.entries.count + 1
            let w = min(width - 4, lines > main.height - 2 ? 160 : 100), h = min(main.height - 2, lines)
            HelpPane.render(into: &buf, area: Rect(x: (width - w) / 2, y: 1, width: w, height: h))
        }
        return buf
    }
}
