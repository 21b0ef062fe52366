import Foundation
import HerdCore

/// The job list: id, host, command, status (coloured by state), duration.
public enum JobsPane {
    public static func render(into buf: inout CellBuffer, area: Rect, state: AppState) {
        let inner = PaneFrame.draw("jobs \(state.jobs.count)", into: &buf, area: area, focused: state.focus == .jobs)
        guard inner.height > 0, inner.width > 0 else { return }
        if state.jobs.isEmpty {
            buf.put("no jobs — herd run HOST -- CMD", x: inner.x, y: inner.y, style: Style(fg: .dim), clip: inner)
            return
        }
        let first = ListWindow.first(selected: state.jobIndex, count: state.jobs.count, rows: inner.height)
        for (row, i) in (first..<min(state.jobs.count, first + inner.height)).enumerated() {
            let j = state.jobs[i]
            let y = inner.y + row
            let selected = i == state.jobIndex && state.focus != .hosts
            let bg: ColorRole = selected ? .selected : .background
            buf.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), with: Cell(" ", Style(bg: bg)))
            let role: ColorRole = [.running: .jobRunning, .done: .jobDone, .failed: .jobFailed, .stopped: .jobStopped][j.status] ?? .jobUnknown
            let duration = Saturating.int((j.endedAt ?? state.now).timeIntervalSince(j.startedAt))
            let fixed = 9 + 9 + 14 + 6
            let cmdWidth = max(0, inner.width - fixed)
            var col = inner.x
            for (text, w, style) in [
                (j.shortID, 9, Style(fg: .text, bg: bg, bold: selected)), (j.host, 9, Style(fg: .dim, bg: bg)),
                (RemoteCommand.shellText(j.command).replacingOccurrences(of: "\n", with: " "), cmdWidth, Style(fg: .text, bg: bg)),
                (j.statusText, 14, Style(fg: role, bg: bg)), (UsageFormat.age(Double(max(0, duration))), 6, Style(fg: .dim, bg: bg)),
            ] where w > 0 {
                buf.put(PaneFrame.fit(text, w - 1), x: col, y: y, style: style, clip: inner)
                col += w
            }
        }
    }
}
