import Foundation

/// The bottom line: last refresh, hosts up/down, and key hints from the key table (or the prompt being typed).
public enum StatusLine {
    public static func render(into buf: inout CellBuffer, area: Rect, state: AppState) {
        guard !area.isEmpty else { return }
        let bar = Style(fg: .statusText, bg: .statusBar)
        buf.fill(area, with: Cell(" ", bar))
        switch state.mode {
        case .input(let kind, let text):
            let label = ["filter": "/", "runOnAll": "run on all shared hosts: ", "placement": "place: ", "palette": ":", "logSearch": "search the log: /"][kind.rawValue] ?? ""
            let x = area.x + buf.put(label + PromptText.withCursor(text, state.editor, width: area.width - label.count), x: area.x, y: area.y, style: Style(fg: .key, bg: .statusBar, bold: true), clip: area)
            // Completion choices, or why the filter shows nothing, beside the line being typed.
            let note = kind == .filter ? state.filterProblem : state.message
            if !note.isEmpty { buf.put("  " + note, x: x, y: area.y, style: Style(fg: .warning, bg: .statusBar), clip: area) }
            return
        case .confirm(let question, _):
            buf.put(question, x: area.x, y: area.y, style: Style(fg: .warning, bg: .statusBar, bold: true), clip: area)
            return
        default:
            break
        }
        var left = state.snapshot.map { " \(StatusCounts.clock($0.takenAt)) " } ?? " probing… "
        left += StatusCounts.text(state)
        if !state.message.isEmpty { left += " · " + state.message }
        var x = area.x + buf.put(left, x: area.x, y: area.y, style: bar, clip: area) + 1
        if !state.rosterWarning.isEmpty {
            // Stays on the line, before the hints, until hosts.json can be read again.
            x += buf.put(" ! " + state.rosterWarning + " ", x: x, y: area.y, style: Style(fg: .warning, bg: .statusBar, bold: true), clip: area)
        }
        x += 1
        for (key, word) in KeyMap.hints {
            x += buf.put(key, x: x, y: area.y, style: Style(fg: .key, bg: .statusBar, bold: true), clip: area)
            x += buf.put(" " + word + "  ", x: x, y: area.y, style: bar, clip: area)
        }
    }
}
