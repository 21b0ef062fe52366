/// An action's result over the panes: a framed box with the title, the lines from `scroll`, and a footer with
/// the position and how to close it — or the question asked about these lines, in the warning colour.
public enum ResultPane {
    public static func render(into buf: inout CellBuffer, area: Rect, view: ResultView) {
        guard area.width >= 3, area.height >= 3 else { return }
        let frame = Style(fg: .title, bg: .background, bold: true)
        buf.fill(area, with: Cell(" ", .plain))
        let inner = Rect(x: area.x + 1, y: area.y + 1, width: area.width - 2, height: area.height - 2)
        let right = area.x + area.width - 1, bottom = area.y + area.height - 1
        for x in area.x...right {
            buf[x, area.y] = Cell("─", frame)
            buf[x, bottom] = Cell("─", frame)
        }
        for y in area.y...bottom {
            buf[area.x, y] = Cell("│", frame)
            buf[right, y] = Cell("│", frame)
        }
        buf[area.x, area.y] = Cell("┌", frame)
        buf[right, area.y] = Cell("┐", frame)
        buf[area.x, bottom] = Cell("└", frame)
        buf[right, bottom] = Cell("┘", frame)
        buf.put(" " + view.title + " ", x: area.x + 2, y: area.y, style: frame, clip: Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: 1))

        let question = view.question
        let rows = max(0, inner.height - (question == nil ? 0 : 1))
        let first = max(0, min(view.scroll, view.lines.count - rows))
        for (row, line) in view.lines.dropFirst(first).prefix(rows).enumerated() {
            let style: Style = line.hasPrefix("── ") ? Style(fg: .header, bold: true) : .plain
            buf.put(line.replacingOccurrences(of: "\t", with: "  "), x: inner.x, y: inner.y + row, style: style, clip: inner)
        }
        if let question {
            buf.put(question, x: inner.x, y: inner.y + inner.height - 1, style: Style(fg: .warning, bold: true), clip: inner)
        }
        let shown = view.lines.isEmpty ? "" : "\(first + 1)-\(min(view.lines.count, first + rows))/\(view.lines.count)"
        let hint = question == nil ? " \(shown) · j/k scroll · Esc/Enter/q close " : " \(shown) · j/k scroll · y confirms, any other key cancels "
        let footer = Rect(x: area.x + 1, y: bottom, width: area.width - 2, height: 1)
        let hintX = max(footer.x, right - hint.count)
        buf.put(hint, x: hintX, y: bottom, style: Style(fg: .key, bg: .background), clip: footer)
    }

    /// Where the result box goes in a `width` × `height` frame: over the panes, below the top row and above the
    /// status line.
    public static func area(width: Int, height: Int) -> Rect {
        Rect(x: 1, y: 1, width: max(0, width - 2), height: max(0, height - 2))
    }
}
