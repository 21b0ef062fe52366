import Foundation
import HerdCore

/// One row of the host table (see `HostsPane`): every cell styled by what it means and how bad it is.
enum HostRow {
    static func draw(_ s: HostState, layout: HostsLayout, into buf: inout CellBuffer, y: Int, inner: Rect, selected: Bool, state: AppState) {
        let bg: ColorRole = selected ? .selected : .background
        let text = Style(fg: .text, bg: bg)
        buf.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), with: Cell(" ", text))
        func at(_ kind: HostsLayout.Kind) -> (x: Int, width: Int)? {
            layout.column(kind).map { (inner.x + $0.x, $0.width) }
        }
        func put(_ kind: HostsLayout.Kind, _ value: String, _ style: Style) {
            guard let c = at(kind) else { return }
            buf.put(PaneFrame.fit(value, c.width), x: c.x, y: y, style: style, clip: inner)
        }
        func gauge(_ kind: HostsLayout.Kind, _ used: UInt64?, _ total: UInt64?, _ l: Severity, fill: ColorRole) {
            guard let c = at(kind) else { return }
            let numbers = UsageFormat.usedOfTotal(used, total)
            let g = layout.gaugeWidth
            if g > 0 {
                Gauge.draw(HostHistory.percent(used, total).map { $0 / 100 }, into: &buf, x: c.x, y: y, width: g, clip: inner, fill: l.role(fill), bg: bg)
            }
            let x = c.x + (g > 0 ? g + 1 : 0)
            buf.put(PaneFrame.fit(numbers, c.width - (x - c.x)), x: x, y: y, style: Style(fg: l.role(.text), bg: bg), clip: inner)
        }
        func spark(_ kind: HostsLayout.Kind, _ values: [Double?], floor: Double, metric: Severity.Metric, normal: ColorRole) {
            guard let c = at(kind) else { return }
            Sparkline.draw(values, top: Sparkline.top(values, floor: floor), into: &buf, x: c.x, y: y, width: c.width, clip: inner) {
                Style(fg: Severity.of(metric, $0).role(normal), bg: bg)
            }
        }
        let down = s.status == .unreachable || s.status == .error
        let worst = Severity.worst(s.status.isUp ? s.usage : nil).level
        let mark: (Character, ColorRole) = switch s.status {
        case .unreachable, .error: ("✖", .hostDown)
        case .partial: ("!", .hostPartial)
        case .pending: ("…", .dim)
        case .complete: worst == .ok ? (" ", .text) : ("●", worst.role(.text))
        }
        put(.mark, String(mark.0), Style(fg: mark.1, bg: bg, bold: true))
        let nameRole: ColorRole = down ? .hostDown : s.status == .partial ? .hostPartial : s.status == .pending ? .dim : .hostUp
        if let c = at(.name) {
            buf.put(HostsLayout.middle(s.host.name, c.width), x: c.x, y: y, style: Style(fg: nameRole, bg: bg, bold: selected || down), clip: inner)
        }
        put(.flag, s.host.dedicated ? "[ded]" : "", Style(fg: .dedicated, bg: bg))
        put(.tags, s.host.tags.joined(separator: ","), Style(fg: .dim, bg: bg))
        if down {
            // The reason spans the figure columns: a dead host has no figures worth showing, and its trouble is loud.
            guard let from = at(.load), let to = at(.status) else { return }
            let why = Trouble.text(s, now: state.now, since: state.hostsView.troubleSince[s.host.name]) ?? "down"
            buf.put(PaneFrame.fit(why, to.x + to.width - from.x), x: from.x, y: y, style: Style(fg: .hostDown, bg: bg, bold: true), clip: inner)
            return
        }
        let u = s.status.isUp ? s.usage : nil
        let figures = Dictionary(Severity.figures(u), uniquingKeysWith: { a, _ in a })
        func level(_ m: Severity.Metric) -> Severity { Severity.of(m, figures[m] ?? nil) }
        put(.load, UsageFormat.load(Plausible.within(u?.load1, Plausible.load)), Style(fg: level(.loadPerCore).role(.text), bg: bg))
        put(.cpu, Plausible.within(u?.cpuPercent, Plausible.percent).map { "\(Saturating.rounded($0))%" } ?? "-", Style(fg: level(.cpu).role(.text), bg: bg))
        gauge(.ram, u?.memUsed, u?.memTotal, level(.ram), fill: .barRAM)
        gauge(.disk, u?.disk?.used, u?.disk?.total, level(.disk), fill: .barDisk)
        if let c = at(.gpu) { GPUCells.draw(u?.gpus ?? [], into: &buf, x: c.x, y: y, width: c.width, clip: inner, bg: bg, busyWord: layout.gpuBusyWord) }
        if u?.gpus.isEmpty == false {
            let g = u?.gpus ?? []
            let used = Saturating.sum(g.compactMap(\.memUsed)), total = Saturating.sum(g.compactMap(\.memTotal))
            put(.gpuMem, total > 0 ? UsageFormat.usedOfTotal(used, total) : "?", Style(fg: level(.gpuMemory).role(.text), bg: bg))
        }
        let history = state.hostsView.history[s.host.name]
        spark(.loadSpark, history.values(.loadPerCore, last: HostsLayout.sparkWidth), floor: 1, metric: .loadPerCore, normal: .barLoad)
        spark(.ramSpark, history.values(.ram, last: HostsLayout.sparkWidth), floor: 100, metric: .ram, normal: .barRAM)
        if u?.gpus.isEmpty == false {
            spark(.gpuSpark, history.values(.gpu, last: HostsLayout.sparkWidth), floor: 100, metric: .gpu, normal: .barGPU)
        }
        let status: (String, Style)
        switch s.status {
        case .partial:
            status = (Trouble.text(s, now: state.now) ?? "partial", Style(fg: .hostPartial, bg: bg, bold: true))
        case .pending:
            status = ("…", Style(fg: .dim, bg: bg))
        default:
            status = (UsageFormat.age(s.age(at: state.now)), Style(fg: .dim, bg: bg))
        }
        put(.status, status.0, status.1)

    }
}

/// Per-GPU cells: one block per GPU by its utilisation, coloured by level, then how many are busy ("▇▁▅▇ 3/4 busy").
enum GPUCells {
    static func draw(_ gpus: [GPUUsage], into buf: inout CellBuffer, x: Int, y: Int, width: Int, clip: Rect, bg: ColorRole, busyWord: Bool) {
        guard width > 0 else { return }
        guard !gpus.isEmpty else {
            buf.put(PaneFrame.fit("-", width), x: x, y: y, style: Style(fg: .dim, bg: bg), clip: clip)
            return
        }
        let shown = gpus.prefix(16)
        var col = x
        for g in shown where col < x + width {
            let u = Plausible.within(g.utilization, Plausible.percent)
            if clip.contains(col, y) {
                buf[col, y] = Cell(Sparkline.block(u.map { $0 / 100 }) ?? "?", Style(fg: Severity.of(.gpu, u).role(.barGPU), bg: bg))
            }
            col += 1
        }
        let busy = gpus.filter { (Plausible.within($0.utilization, Plausible.percent) ?? 0) >= Placement.idleUtilization }.count
        let label = " \(busy)/\(gpus.count)" + (busyWord ? " busy" : "")
        buf.put(label, x: col, y: y, style: Style(fg: .text, bg: bg), clip: Rect(x: x, y: y, width: width, height: 1))
    }
}
