/// The `?` help: every binding of the key table.
public enum HelpPane {
    public static func render(into buf: inout CellBuffer, area: Rect) {
        let inner = PaneFrame.draw("keys (any key closes)", into: &buf, area: area, focused: true)
        buf.fill(inner, with: Cell(" ", .plain))
        for (row, b) in KeyMap.bindings.prefix(inner.height).enumerated() {
            buf.put(PaneFrame.fit(b.label, 10), x: inner.x + 1, y: inner.y + row, style: Style(fg: .key, bold: true), clip: inner)
            buf.put(b.help, x: inner.x + 12, y: inner.y + row, style: .plain, clip: inner)
        }
    }
}
