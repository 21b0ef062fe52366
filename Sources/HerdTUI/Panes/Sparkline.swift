/// A one-row chart of recent values in block characters ("▁▂▅▇█"), newest at the right; a pane part.
/// Unknown, nan and infinite values leave a gap, negative ones count as zero, values over the top are clipped: no
/// figure a host sends can make it trap or draw outside its cells.
public enum Sparkline {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// The block for `fraction` (0…1) of the full height, nil for an unusable value.
    static func block(_ fraction: Double?) -> Character? {
        guard let f = fraction, f.isFinite else { return nil }
        let i = Int((min(1, max(0, f)) * Double(blocks.count - 1)).rounded())
        return blocks[i]
    }

    /// The scale top for `values`: `floor` or the largest finite value, whichever is larger.
    public static func top(_ values: [Double?], floor: Double) -> Double {
        let m = values.lazy.compactMap { $0 }.filter(\.isFinite).max() ?? 0
        return Swift.max(floor, m)
    }

    /// Draws the last `width` of `values` at (x, y) within `clip`, scaled to 0…`top`; each cell styled by `style`
    /// (given the value), right-aligned so the newest value is always in the last cell.
    public static func draw(
        _ values: [Double?], top: Double, into buf: inout CellBuffer, x: Int, y: Int, width: Int, clip: Rect,
        style: (Double?) -> Style
    ) {
        guard width > 0, top.isFinite, top > 0 else { return }
        let shown = values.suffix(width)
        var col = x + width - shown.count
        for v in shown {
            if clip.contains(col, y) {
                let f = v.map { $0 / top }
                buf[col, y] = Cell(block(f) ?? " ", style(v))
            }
            col += 1
        }
    }
}

/// A many-row chart of recent values (block characters in eighths of a cell), newest at the right: the detail
/// view's history graphs. Same rules for hostile values as `Sparkline`.
public enum Graph {
    static let partial: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇"]

    /// Draws `values` scaled to 0…`top` into `area` (bottom row = zero).
    public static func draw(_ values: [Double?], top: Double, into buf: inout CellBuffer, area: Rect, style: (Double?) -> Style) {
        guard !area.isEmpty, top.isFinite, top > 0 else { return }
        let shown = values.suffix(area.width)
        var col = area.x + area.width - shown.count
        let h = area.height
        for v in shown {
            defer { col += 1 }
            guard let v, v.isFinite else { continue }
            let eighths = Int((min(1, max(0, v / top)) * Double(h * 8)).rounded())
            let s = style(v)
            for row in 0..<h {
                let filled = eighths - row * 8
                guard filled > 0 else { break }
                buf[col, area.y + h - 1 - row] = Cell(filled >= 8 ? "█" : partial[filled], s)
            }
        }
    }
}

/// A horizontal gauge "██████░░░░" for a fraction, the filled part in `fill`, the rest dim; a pane part.
public enum Gauge {
    /// Draws a gauge of `width` cells at (x, y) within `clip`. An unknown or unusable fraction draws dots.
    public static func draw(_ fraction: Double?, into buf: inout CellBuffer, x: Int, y: Int, width: Int, clip: Rect, fill: ColorRole, bg: ColorRole) {
        guard width > 0 else { return }
        guard let f = fraction, f.isFinite else {
            for i in 0..<width where clip.contains(x + i, y) { buf[x + i, y] = Cell("·", Style(fg: .dim, bg: bg)) }
            return
        }
        let n = Int((min(1, max(0, f)) * Double(width)).rounded())
        for i in 0..<width where clip.contains(x + i, y) {
            buf[x + i, y] = i < n ? Cell("█", Style(fg: fill, bg: bg)) : Cell("░", Style(fg: .dim, bg: bg))
        }
    }
}
