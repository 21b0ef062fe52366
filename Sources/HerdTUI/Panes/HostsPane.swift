import Foundation
import HerdCore

/// The host table: name, `[ded]`, load, RAM and disk as bars with numbers, GPU, age; down hosts dimmed.
public enum HostsPane {
    public static func render(into buf: inout CellBuffer, area: Rect, state: AppState) {
        let hosts = state.visibleHosts
        let title = "hosts \(hosts.count)" + (state.filter.isEmpty ? "" : " /\(state.filter)") + (state.sort == .name ? "" : " by \(state.sort.rawValue)")
        let inner = PaneFrame.draw(title, into: &buf, area: area, focused: state.focus == .hosts)
        guard inner.height > 0, inner.width > 0 else { return }
        let name = 12, flag = 6, load = 6, gpu = 8, age = 9
        let barSpace = max(0, inner.width - name - flag - load - gpu - age - 4)
        let barWidth = barSpace / 2
        let columns: [(String, Int)] = [("NAME", name), ("", flag), ("LOAD", load), ("RAM", barWidth), ("GPU", gpu), ("DISK", barWidth), ("AGE", age)]
        var x = inner.x
        for (label, w) in columns where w > 0 {
            buf.put(PaneFrame.fit(label, w), x: x, y: inner.y, style: Style(fg: .header, bold: true), clip: inner)
            x += w + (w == barWidth ? 1 : 0)
        }
        let rows = inner.height - 1
        guard rows > 0 else { return }
        let first = max(0, min(state.hostIndex - rows + 1, hosts.count - rows))
        for (row, i) in (first..<min(hosts.count, first + rows)).enumerated() {
            let s = hosts[i]
            let y = inner.y + 1 + row
            let selected = i == state.hostIndex && state.focus == .hosts
            let down = !s.status.isUp
            let base = Style(fg: down ? .dim : .text, bg: selected ? .selected : .background, dim: down)
            buf.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), with: Cell(" ", base))
            var col = inner.x
            func put(_ text: String, _ w: Int, _ style: Style) {
                guard w > 0 else { return }
                buf.put(PaneFrame.fit(text, w), x: col, y: y, style: style, clip: inner)
                col += w
            }
            let nameRole: ColorRole = down ? .hostDown : s.status == .partial ? .hostPartial : .hostUp
            put(s.host.name, name, Style(fg: nameRole, bg: base.bg, bold: selected, dim: down))
            put(s.host.dedicated ? "[ded]" : "", flag, Style(fg: .dedicated, bg: base.bg))
            let u = down ? nil : s.usage
            put(UsageFormat.load(u?.load1), load, base)
            put(bar(u?.memUsed, u?.memTotal, barWidth), barWidth, Style(fg: .barRAM, bg: base.bg))
            col += 1
            put(UsageFormat.gpu(u), gpu, Style(fg: .barGPU, bg: base.bg))
            put(bar(u?.disk?.used, u?.disk?.total, barWidth), barWidth, Style(fg: .barDisk, bg: base.bg))
            col += 1
            let ageText: String
            switch s.status {
            case .unreachable: ageText = "down"
            case .error: ageText = "error"
            case .pending: ageText = "…"
            default: ageText = UsageFormat.age(s.age(at: state.now)) + (s.status == .partial ? " !" : "")
            }
            put(ageText, age, Style(fg: down ? .hostDown : .dim, bg: base.bg))
            // A host whose session is still starting says so, and for how long, over its empty figures.
            if let text = state.connectingText(s) {
                buf.put(text, x: inner.x + name + flag, y: y, style: Style(fg: .warning, bg: base.bg), clip: inner)
            }
        }
    }

    /// "████░░ 7.8G/31G" fitted to `width`: the numbers first, the bar in what is left.
    static func bar(_ used: UInt64?, _ total: UInt64?, _ width: Int) -> String {
        guard width > 0 else { return "" }
        let numbers = UsageFormat.usedOfTotal(used, total)
        let barCells = width - numbers.count - 1
        guard barCells >= 3, let used, let total, total > 0 else { return numbers }
        return PaneFrame.bar(Double(used) / Double(total), barCells) + " " + numbers
    }
}
