/// Where each pane of the dashboard goes in a window: used to render a frame and to tell what a mouse event hit
/// and how many rows a page has.
public struct DashboardLayout: Equatable, Sendable {
    public var hosts: Rect
    public var jobs: Rect
    /// The log pane, or the placement pane while a placement is shown.
    public var right: Rect
    public var status: Rect

    /// The layout of a `width` × `height` window; nil when the window is too small for the dashboard.
    public static func of(width: Int, height: Int) -> DashboardLayout? {
        guard width >= Dashboard.minWidth, height >= Dashboard.minHeight else { return nil }
        let (main, status) = Rect(x: 0, y: 0, width: width, height: height).splitTop(height - 1)
        let (hosts, bottom) = main.splitTop(max(4, main.height * 3 / 5))
        let (jobs, right) = bottom.splitLeft(bottom.width / 2)
        return DashboardLayout(hosts: hosts, jobs: jobs, right: right, status: status)
    }

    /// The layout for the window the last frame was drawn in (`state.window`).
    static func of(_ state: AppState) -> DashboardLayout? { of(width: state.window.width, height: state.window.height) }

    /// Rows of hosts the table shows (below its title and header).
    public var hostRows: Int { max(0, hosts.height - 2) }
    /// Rows of jobs the job list shows.
    public var jobRows: Int { max(0, jobs.height - 1) }
    /// Lines of log the log pane shows.
    public var logRows: Int { max(0, right.height - 1) }
}

/// The scrolling of a list that keeps its selected row in view: the first row shown. HostsPane and JobsPane draw
/// with it and the mouse hit-tests with it, so a click always lands on the row drawn under it.
enum ListWindow {
    static func first(selected: Int, count: Int, rows: Int) -> Int {
        max(0, min(selected - rows + 1, count - rows))
    }
}
