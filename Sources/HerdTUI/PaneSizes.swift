/// Pane sizes by content: the host table takes the rows its roster needs (up to 3/5 of the screen), the job list
/// takes more of a narrow screen so a job's command stays visible at 80 columns, and less when there are no jobs.
enum PaneSizes {
    /// Rows of the host pane (title and header included) in a main area of `height` rows for `hosts` roster hosts.
    static func hostsHeight(_ height: Int, hosts: Int) -> Int {
        max(4, min(height * 3 / 5, hosts + 2))
    }

    /// Columns of the job pane in a bottom area of `width` columns.
    static func jobsWidth(_ width: Int, jobs: Int) -> Int {
        if jobs == 0 { return width / 3 }
        return width < 120 ? width * 3 / 5 : width / 2
    }
}
