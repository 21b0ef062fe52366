/// The tail of the selected job's output (or of the last `o` command), newest lines at the bottom.
public enum LogPane {
    public static func render(into buf: inout CellBuffer, area: Rect, state: AppState) {
        let view = state.logView
        let inner = PaneFrame.draw(state.logTitle + LogPane.marker(view), into: &buf, area: area, focused: state.focus == .log)
        guard inner.height > 0, inner.width > 0 else { return }
        // Text ending in a newline splits into a last empty line: it is the terminator, not a row to show.
        let count = state.log.last == "" ? state.log.count - 1 : state.log.count
        let first = view.first(count: count, rows: inner.height)
        for (row, i) in (first..<min(count, first + inner.height)).enumerated() {
            let style = i == view.match ? Style(fg: .key, bold: true, reverse: true) : Style.plain
            buf.put(state.log[i].replacingOccurrences(of: "\t", with: "  "), x: inner.x, y: inner.y + row, style: style, clip: inner)
        }
    }

    /// " · paused at 120" while scrolled back, " · /word" while a search is set.
    static func marker(_ view: LogView) -> String {
        (view.top.map { " · paused at \($0 + 1)" } ?? "") + (view.search.isEmpty ? "" : " · /\(view.search)")
    }
}
