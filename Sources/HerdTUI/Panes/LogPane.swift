/// The tail of the selected job's output (or of the last `o` command), newest lines at the bottom.
public enum LogPane {
    public static func render(into buf: inout CellBuffer, area: Rect, state: AppState) {
        let inner = PaneFrame.draw(state.logTitle, into: &buf, area: area, focused: state.focus == .log)
        guard inner.height > 0, inner.width > 0 else { return }
        // Text ending in a newline splits into a last empty line: it is the terminator, not a row to show.
        let lines = (state.log.last == "" ? state.log.dropLast() : state.log[...]).suffix(inner.height)
        for (row, line) in lines.enumerated() {
            buf.put(line.replacingOccurrences(of: "\t", with: "  "), x: inner.x, y: inner.y + row, style: .plain, clip: inner)
        }
    }
}
