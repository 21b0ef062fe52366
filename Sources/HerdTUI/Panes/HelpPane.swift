/// The `?` help: every binding of the key table, then the `:` palette's commands; in two columns when a window is
/// too short for one.
public enum HelpPane {
    /// The help's lines: (key or command, what it does).
    static var entries: [(String, String)] {
        KeyMap.bindings.map { ($0.label, $0.help) } + PaletteCommand.table.map { ($0.usage, $0.help) }
    }

    public static func render(into buf: inout CellBuffer, area: Rect) {
        let inner = PaneFrame.draw("keys (any key closes)", into: &buf, area: area, focused: true)
        buf.fill(inner, with: Cell(" ", .plain))
        guard inner.height > 0 else { return }
        let list = entries
        let columns = list.count > inner.height && inner.width >= 120 ? 2 : 1
        let width = inner.width / columns
        let room = inner.height * columns
        // What does not fit is counted on the last row rather than cut without a word.
        let shown = list.count > room ? max(0, room - 1) : list.count
        if shown < list.count {
            let more = "… \(list.count - shown) more: a larger window shows all"
            buf.put(more, x: inner.x + 1 + (columns - 1) * width, y: inner.y + inner.height - 1, style: Style(fg: .dim), clip: inner)
        }
        for (i, (label, help)) in list.prefix(shown).enumerated() {
            let x = inner.x + (i / inner.height) * width, y = inner.y + i % inner.height
            let clip = Rect(x: x, y: y, width: width - 1, height: 1)
            let labelWidth = label.count > 1 && label.hasPrefix(":") ? 22 : 10
            buf.put(PaneFrame.fit(label, labelWidth), x: x + 1, y: y, style: Style(fg: .key, bold: true), clip: clip)
            buf.put(help, x: x + labelWidth + 2, y: y, style: .plain, clip: clip)
        }
    }
}
