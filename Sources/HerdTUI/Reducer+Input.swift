/// Prompts: a line typed with `LineEditor` (editing keys, per-prompt history), then Enter acts; Esc, Ctrl+C or Ctrl+G cancel.
extension Reducer {
    /// Opens a prompt of `kind` holding `text`, with that prompt's history.
    static func beginInput(_ state: AppState, _ kind: AppState.InputKind, _ text: String) -> (AppState, [Effect]) {
        var s = state
        s.editor = LineEditor(text, history: s.history[kind] ?? [])
        s.mode = .input(kind, text)
        return (s, [])
    }

    /// A key while a prompt is open.
    static func inputKey(_ state: AppState, _ kind: AppState.InputKind, _ key: Key) -> (AppState, [Effect]) {
        var s = state
        switch key {
        case .escape, .ctrl("c"), .ctrl("g"):
            s.mode = .normal
            if kind == .filter { s.filter = "" }
        case .enter:
            let text = s.editor.text
            s.mode = .normal
            s.history[kind] = LineEditor.remember(text, in: s.history[kind] ?? [])
            switch kind {
            case .filter:
                s.filter = text
                if let why = HostFilter(text).problem(in: (s.snapshot?.hosts ?? []).map(\.host)) { s.message = why }
            case .runOnAll: return text.isEmpty ? (s, []) : (s, [.runOnAll(command: text)])
            case .placement: return (s, [.placement(query: text)])
            case .palette: return palette(s, text)
            case .logSearch:
                s.logView.search = text
                s.logView.match = nil
                if !text.isEmpty, !s.logView.find(in: s.log, rows: logRows(s)) { s.message = "'\(text)' not found in the log" }
            }
        case .tab where kind == .palette:
            let done = PaletteCompletion.complete(s.editor.text, with: candidates(s))
            s.editor.replace(with: done.line)
            s.mode = .input(kind, done.line)
            s.message = done.choices.prefix(12).joined(separator: " ") + (done.choices.count > 12 ? " …" : "")
        default:
            guard LineEditor.edits(key) else { break }
            s.editor.apply(key)
            s.mode = .input(kind, s.editor.text)
            if kind == .filter, s.filter != s.editor.text {
                s.filter = s.editor.text  // the selection follows its host (AppState+Selection), not row 0
            }
        }
        return (s, [])
    }

    /// What palette words can complete to: roster hosts, their tags, job ids, built-in themes.
    static func candidates(_ s: AppState) -> PaletteCompletion.Candidates {
        let hosts = s.roster ?? (s.snapshot?.hosts ?? []).map(\.host)
        return PaletteCompletion.Candidates(
            hosts: hosts.map(\.name), tags: Array(Set(hosts.flatMap(\.tags))).sorted(), jobs: s.jobs.map(\.shortID),
            themes: shippedThemeFiles.keys.sorted())
    }
}
