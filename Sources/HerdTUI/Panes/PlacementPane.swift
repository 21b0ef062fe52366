/// Where the last placement query would go: ranked hosts with axis's `(local|remote, fit N/100)` label and the top reasons.
public enum PlacementPane {
    public static func render(into buf: inout CellBuffer, area: Rect, state: AppState) {
        let inner = PaneFrame.draw("placement: \(state.placementQuery)", into: &buf, area: area, focused: false)
        guard inner.height > 0, inner.width > 0 else { return }
        for (row, c) in state.placement.prefix(inner.height).enumerated() {
            let y = inner.y + row
            buf.put(PaneFrame.fit(c.host, 12), x: inner.x, y: y, style: Style(fg: c.fits ? .hostUp : .dim), clip: inner)
            buf.put(PaneFrame.fit(c.label, 22), x: inner.x + 12, y: y, style: Style(fg: .title, bold: c.fits), clip: inner)
            buf.put(c.reasons.prefix(2).joined(separator: "; "), x: inner.x + 34, y: y, style: Style(fg: c.fits ? .text : .dim), clip: inner)
        }
    }
}
