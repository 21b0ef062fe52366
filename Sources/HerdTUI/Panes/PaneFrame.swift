import HerdCore

/// The frame around a pane: a title row with the pane's name (highlighted when focused). Returns the inner area.
enum PaneFrame {
    static func draw(_ title: String, into buf: inout CellBuffer, area: Rect, focused: Bool) -> Rect {
        guard !area.isEmpty else { return area }
        let (top, rest) = area.splitTop(1)
        buf.fill(top, with: Cell(" ", Style(fg: .border, bg: .background)))
        let style = Style(fg: focused ? .title : .border, bold: focused)
        buf.put("─ " + title + " " + String(repeating: "─", count: max(0, area.width)), x: top.x, y: top.y, style: style, clip: top)
        return rest
    }

    /// `text` cut to `width` columns with an ellipsis, or padded with spaces (columns as the terminal counts them:
    /// a wide character takes two, so a cut that would halve one leaves a blank before the ellipsis).
    static func fit(_ text: String, _ width: Int) -> String {
        guard width > 0 else { return "" }
        let columns = DisplayWidth.of(text)
        guard columns > width else { return text + String(repeating: " ", count: width - columns) }
        let cut = DisplayWidth.prefix(text, columns: width - 1)
        return cut.text + String(repeating: " ", count: width - 1 - cut.columns) + "…"
    }

    /// A bar of `width` cells for `fraction` (0…1): "█████░░░░░".
    static func bar(_ fraction: Double?, _ width: Int) -> String {
        guard width > 0 else { return "" }
        guard let f = fraction, f.isFinite else { return String(repeating: "·", count: width) }
        let n = Int((min(1, max(0, f)) * Double(width)).rounded())
        return String(repeating: "█", count: n) + String(repeating: "░", count: width - n)
    }
}
