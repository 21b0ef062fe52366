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
    /// Column widths of the fixed columns.
    static let name = 12, flag = 6, load = 6, gpu = 8, age = 9

    /// The columns in `inner` (the pane below its title): RAM and disk bars share what the fixed columns leave,
    /// each followed by a one-cell gap.
    public static func layout(_ inner: Rect) -> [HostColumn] {
        let barSpace = max(0, inner.width - name - flag - load - gpu - age - 4)
        let bar = barSpace / 2
        let spec: [(String, Int, AppState.Sort?, Int)] = [
            ("NAME", name, .name, 0), ("", flag, nil, 0), ("LOAD", load, .load, 0), ("RAM", bar, .ram, 1),
            ("GPU", gpu, .gpu, 0), ("DISK", bar, .disk, 1), ("AGE", age, .status, 0),
        ]
        var x = inner.x
        var out: [HostColumn] = []
        for (label, w, sort, gap) in spec where w > 0 {
            out.append(HostColumn(label: label, x: x, width: w, sort: sort))
            x += w + gap
        }
        return out
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
