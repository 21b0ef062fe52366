import Foundation
import HerdCore

/// One host in full (Enter on a host; Esc returns): its status and reasons, identity and addresses, every GPU with
/// utilisation and memory, every disk, its jobs and reservations, and larger graphs of recent load, CPU, RAM and
/// GPU. Figures are coloured by level like the table (`Severity`).
public enum HostDetailPane {
    public static func render(into buf: inout CellBuffer, area: Rect, state: AppState) {
        guard !area.isEmpty else { return }
        buf.fill(area, with: Cell(" ", .plain))
        guard let s = state.detailHost else {
            _ = PaneFrame.draw("host gone from the roster · Esc returns", into: &buf, area: area, focused: true)
            return
        }
        let inner = PaneFrame.draw("host \(s.host.name) (\(s.host.ssh)) · Esc returns · ↑/↓ next host", into: &buf, area: area, focused: true)
        guard !inner.isEmpty else { return }
        // Graphs on the right when there is room, below the facts otherwise.
        let wide = inner.width >= 100
        let (facts, graphs) = wide ? inner.splitLeft(inner.width * 11 / 20) : inner.splitTop(max(1, inner.height - min(12, inner.height / 2)))
        var w = DetailWriter(area: Rect(x: facts.x + 1, y: facts.y, width: max(0, facts.width - 2), height: facts.height))
        DetailFacts.write(s, state: state, into: &buf, with: &w)
        drawGraphs(state.hostsView.history[s.host.name], into: &buf, area: wide ? Rect(x: graphs.x + 1, y: graphs.y, width: graphs.width - 1, height: graphs.height) : graphs, gpus: !(s.usage?.gpus.isEmpty ?? true))
    }

    /// Load per core, CPU, RAM and (with GPUs) GPU and GPU memory, each a labelled multi-row graph.
    static func drawGraphs(_ h: HostHistory, into buf: inout CellBuffer, area: Rect, gpus: Bool) {
        var series: [(String, HostHistory.Series, Severity.Metric, ColorRole, Double)] = [
            ("load per core", .loadPerCore, .loadPerCore, .barLoad, 1), ("CPU %", .cpu, .cpu, .barLoad, 100), ("RAM %", .ram, .ram, .barRAM, 100),
        ]
        if gpus { series += [("GPU %", .gpu, .gpu, .barGPU, 100), ("GPU memory %", .gpuMemory, .gpuMemory, .barGPU, 100)] }
        guard area.height >= 2 * series.count || area.height >= 2 else { return }
        let each = max(2, area.height / series.count)
        var y = area.y
        for (label, key, metric, role, floor) in series where y + 2 <= area.y + area.height {
            let values = h.values(key, last: area.width)
            let top = Sparkline.top(values, floor: floor)
            let latest = values.last.flatMap { $0 }.map { key == .loadPerCore ? String(format: "%.2f", $0) : "\(Saturating.rounded($0))%" } ?? "-"
            let head = "\(label): \(latest)" + (key == .loadPerCore ? "  (top \(String(format: "%.1f", top)))" : "")
            buf.put(head, x: area.x, y: y, style: Style(fg: .header, bold: true), clip: area)
            let rows = min(each, area.y + area.height - y) - 1
            Graph.draw(values, top: top, into: &buf, area: Rect(x: area.x, y: y + 1, width: area.width, height: rows)) {
                Style(fg: Severity.of(metric, $0).role(role))
            }
            y += rows + 1
        }
    }
}

/// Writes lines top to bottom in an area, clipped; what does not fit is dropped.
struct DetailWriter {
    let area: Rect
    var y: Int

    init(area: Rect) {
        self.area = area
        y = area.y
    }

    var full: Bool { y >= area.y + area.height }

    /// Writes `parts` (text, style) on the next line.
    mutating func line(_ parts: [(String, Style)], into buf: inout CellBuffer) {
        guard !full else { return }
        var x = area.x
        for (text, style) in parts { x += buf.put(text, x: x, y: y, style: style, clip: area) }
        y += 1
    }

    /// A section heading ("GPUs 4").
    mutating func heading(_ text: String, into buf: inout CellBuffer) {
        line([(text, Style(fg: .title, bold: true))], into: &buf)
    }
}
