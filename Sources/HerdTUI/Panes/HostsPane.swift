import Foundation
import HerdCore

/// The host table: a marker coloured by the row's worst figure, the name, `[ded]`, load and CPU%, RAM and disk as
/// gauges with numbers, per-GPU cells and GPU memory, sparklines of recent load, RAM and GPU, and the status; every
/// figure coloured by its level (`Severity`). Down and partial hosts say why, loud: "down 3m · refused · retry 12s".
public enum HostsPane {
    public static func render(into buf: inout CellBuffer, area: Rect, state: AppState) {
        let hosts = state.visibleHosts
        let rows = max(0, area.height - 2)
        var title = "hosts \(hosts.count)" + (state.filter.isEmpty ? "" : " /\(state.filter)") + (state.sort == .name ? "" : " by \(state.sort.rawValue)")
        if state.hostsView.pinTrouble { title += " · trouble first" }
        if hosts.count > rows, rows > 0 { title += " · \(min(hosts.count, state.hostIndex + 1))/\(hosts.count)" }
        let inner = PaneFrame.draw(title, into: &buf, area: area, focused: state.focus == .hosts)
        guard inner.height > 0, inner.width > 0 else { return }
        let layout = HostsLayout(width: inner.width, hosts: hosts)
        for c in HostColumns.layout(inner, layout) {
            let text = HostColumns.header(c, sort: state.sort, reversed: state.sortReversed)
            buf.put(PaneFrame.fit(text, c.width), x: c.x, y: inner.y, style: Style(fg: .header, bold: true), clip: inner)
        }
        guard rows > 0 else { return }
        let first = ListWindow.first(selected: state.hostIndex, count: hosts.count, rows: rows)
        for (row, i) in (first..<min(hosts.count, first + rows)).enumerated() {
            HostRow.draw(hosts[i], layout: layout, into: &buf, y: inner.y + 1 + row, inner: inner,
                         selected: i == state.hostIndex && state.focus == .hosts, state: state)
            // A host whose session is still starting says so, and for how long, over its empty figures.
            if let text = state.connectingText(hosts[i]) {
                let selected = i == state.hostIndex && state.focus == .hosts
                buf.put(text, x: inner.x + (layout.column(.load)?.x ?? 0), y: inner.y + 1 + row,
                        style: Style(fg: .warning, bg: selected ? .selected : .background), clip: inner)
            }
        }
    }
}
