import HerdCore

/// One column of the host table's header: where it is, its label, and the sort a click on it picks.
public struct HostColumn: Equatable, Sendable {
    public var label: String
    public var x: Int
    public var width: Int
    public var sort: AppState.Sort?
}

/// The host table's columns for a pane's inner area: one layout for drawing the header (with the sort marker)
/// and for telling which column a click on the header hit. Pure and unit-tested.
public enum HostColumns {
    /// Header labels of the adaptive layout's columns (the marker column has none).
    static let labels: [HostsLayout.Kind: String] = [
        .name: "NAME", .load: "LOAD", .cpu: "CPU", .loadSpark: "~LOAD/CORE", .ram: "RAM", .ramSpark: "~RAM",
        .gpu: "GPU", .gpuMem: "GPU MEM", .gpuSpark: "~GPU", .disk: "DISK", .status: "STATUS", .tags: "TAGS",
    ]
    /// The sort a click on a column's header picks.
    static let sorts: [HostsLayout.Kind: AppState.Sort] = [.name: .name, .load: .load, .ram: .ram, .gpu: .gpu, .disk: .disk, .status: .status]

    /// The columns in `inner` (the pane below its title) for `hosts`, from the same adaptive `HostsLayout` the rows
    /// are drawn with.
    public static func layout(_ inner: Rect, hosts: [HostState]) -> [HostColumn] {
        layout(inner, HostsLayout(width: inner.width, hosts: hosts))
    }

    static func layout(_ inner: Rect, _ layout: HostsLayout) -> [HostColumn] {
        layout.columns.compactMap { c in
            guard let label = labels[c.kind], c.width > 0 else { return nil }
            return HostColumn(label: label, x: inner.x + c.x, width: c.width, sort: sorts[c.kind])
        }
    }

    /// The column whose cells include column `x`, if any.
    public static func hit(x: Int, in columns: [HostColumn]) -> HostColumn? {
        columns.first { x >= $0.x && x < $0.x + $0.width }
    }

    /// The header text of `column`: its label, with ▼ (highest first) or ▲ when the table is sorted by it.
    public static func header(_ column: HostColumn, sort: AppState.Sort, reversed: Bool) -> String {
        guard column.sort == sort else { return column.label }
        return column.label + (SortKey.descending(sort, reversed: reversed) ? "▼" : "▲")
    }
}
