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
        for (i, (label, help)) in list.prefix(inner.height * columns).enumerated() {
            let x = inner.x + (i / inner.height) * width, y = inner.y + i % inner.height
            let clip = Rect(x: x, y: y, width: width - 1, height: 1)
            let labelWidth = label.hasPrefix(":") ? 22 : 10
            buf.put(PaneFrame.fit(label, labelWidth), x: x + 1, y: y, style: Style(fg: .key, bold: true), clip: clip)
            buf.put(help, x: x + labelWidth + 2, y: y, style: .plain, clip: clip)
        }
    }
}
