/// Keys while an action's result is shown: it is modal until dismissed (Esc, Enter or q), scrolls with the
/// movement keys, and when it carries a question, y confirms and any other key but scrolling cancels.
extension Reducer {
    /// Lines a page key scrolls.
    static let resultPage = 10

    /// The new state and effects when the result view takes `key`; nil when no result view is shown (or the
    /// help or a prompt is open over it).
    static func onResultKey(_ state: AppState, _ key: Key) -> (AppState, [Effect])? {
        guard var view = state.result else { return nil }
        var s = state
        switch s.mode {
        case .help, .input: return nil
        case .normal, .confirm: break
        }
        if case .mouse(let m) = key { return mouse(s, m) }
        let last = max(0, view.lines.count - 1)
        switch key {
        case .up, .char("k"): view.scroll = max(0, view.scroll - 1)
        case .down, .char("j"): view.scroll = min(last, view.scroll + 1)
        case .pageUp: view.scroll = max(0, view.scroll - resultPage)
        case .pageDown, .char(" "): view.scroll = min(last, view.scroll + resultPage)
        case .home, .char("g"): view.scroll = 0
        case .end, .char("G"): view.scroll = last
        case .ctrl("c"): return (s, [.quit])
        default:
            if case .confirm(_, let effect) = s.mode {
                s.mode = .normal
                s.result = nil
                if key == .char("y") || key == .char("Y") { return (s, [effect]) }
                s.message = "cancelled"
                return (s, [])
            }
            if key == .escape || key == .enter || key == .char("q") { s.result = nil }
            return (s, [])
        }
        s.result = view
        return (s, [])
    }
}

extension AppState {
    /// Puts `question` under the evidence it is asked about: the result view shown (the dry run's figures), or a
    /// new one holding only the question.
    mutating func askWithEvidence(_ question: String) {
        if result == nil { result = ResultView(title: "confirm", lines: []) }
        result?.question = question
    }
}
