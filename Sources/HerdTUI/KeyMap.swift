/// Everything a key can do on the dashboard.
public enum Action: String, Sendable, CaseIterable {
    case moveUp, moveDown, nextPane, attach, stop, runOnAll, clean, cleanAll, refresh, placement, filter, sort, help, quit
    case top, bottom, pageUp, pageDown, previousPane, reverseSort, palette, searchNext, searchPrevious, follow, back
    /// Not a key: the mouse's line in the help (clicks and the wheel come as `Key.mouse`).
    case mouse
}

/// One binding: the keys, the action, and the help text. The `?` help and the status-bar hints come from this table.
public struct Binding: Sendable {
    public let keys: [Key]
    public let label: String
    public let action: Action
    public let help: String
    /// Shown in the status bar's hints.
    public let hint: Bool
}

/// The dashboard's key table.
public enum KeyMap {
    public static let bindings: [Binding] = [
        Binding(keys: [.up, .char("k")], label: "↑/k", action: .moveUp, help: "move up", hint: false),
        Binding(keys: [.down, .char("j")], label: "↓/j", action: .moveDown, help: "move down", hint: false),
        Binding(keys: [.home, .char("g")], label: "Home/g", action: .top, help: "first row (log: first line, paused)", hint: false),
        Binding(keys: [.end, .char("G")], label: "End/G", action: .bottom, help: "last row (log: the end, following again)", hint: false),
        Binding(keys: [.pageUp], label: "PgUp", action: .pageUp, help: "a page up", hint: false),
        Binding(keys: [.pageDown], label: "PgDn", action: .pageDown, help: "a page down", hint: false),
        Binding(keys: [.tab, .char("l")], label: "Tab/l", action: .nextPane, help: "next pane (hosts, jobs, log)", hint: true),
        Binding(keys: [.backTab, .char("h")], label: "S-Tab/h", action: .previousPane, help: "previous pane", hint: false),
        Binding(keys: [.enter, .char("a")], label: "Enter/a", action: .attach, help: "attach to the selected job (Ctrl+B D returns)", hint: true),
        Binding(keys: [.char("s")], label: "s", action: .stop, help: "stop the selected job (asks first)", hint: true),
        Binding(keys: [.char("o")], label: "o", action: .runOnAll, help: "run a command on all shared hosts; output folded in the log pane", hint: true),
        Binding(keys: [.char("c")], label: "c", action: .clean, help: "clean the selected host (dry-run figures first, then confirm)", hint: true),
        Binding(keys: [.char("C")], label: "C", action: .cleanAll, help: "clean all shared hosts (dry-run figures first, then confirm)", hint: false),
        Binding(keys: [.char("r")], label: "r", action: .refresh, help: "refresh now", hint: false),
        Binding(keys: [.char("p")], label: "p", action: .placement, help: "placement query, e.g. --ram 16G --gpu or 7b inference", hint: true),
        Binding(keys: [.char("/")], label: "/", action: .filter, help: "filter hosts (text, @tag, tb[01-08], a,b); log pane: search", hint: true),
        Binding(keys: [.char("n")], label: "n", action: .searchNext, help: "log pane: next match", hint: false),
        Binding(keys: [.char("N")], label: "N", action: .searchPrevious, help: "log pane: previous match", hint: false),
        Binding(keys: [.char("f")], label: "f", action: .follow, help: "log pane: follow the end / pause", hint: false),
        Binding(keys: [.char("S")], label: "S", action: .sort, help: "sort hosts: name, load, ram, disk, gpu, status", hint: false),
        Binding(keys: [.char("R")], label: "R", action: .reverseSort, help: "reverse the sort (▲/▼ in the header)", hint: false),
        Binding(keys: [.char(":")], label: ":", action: .palette, help: "command palette (:on, :clean, :place, :run, :theme, :q)", hint: true),
        Binding(keys: [.escape], label: "Esc", action: .back, help: "clear the log search, else the filter", hint: false),
        Binding(keys: [], label: "mouse", action: .mouse, help: "click selects a row or sorts by a header; the wheel scrolls", hint: false),
        Binding(keys: [.char("?")], label: "?", action: .help, help: "this help", hint: true),
        Binding(keys: [.char("q"), .ctrl("c")], label: "q", action: .quit, help: "quit", hint: true),
    ]

    /// The action bound to `key`, if any.
    public static func action(for key: Key) -> Action? { bindings.first { $0.keys.contains(key) }?.action }

    /// "q quit  ? help  …" for the status bar.
    /// Quit and help come first: a narrow status bar cuts the rest.
    public static var hints: [(String, String)] {
        let shown = bindings.filter(\.hint)
        let first = shown.filter { $0.action == .quit || $0.action == .help }.sorted { $0.action == .quit && $1.action != .quit }
        return (first + shown.filter { $0.action != .quit && $0.action != .help }).map {
            ($0.label, $0.action == .help ? "help" : $0.action == .runOnAll ? "run-on-all" : $0.help.split(separator: " ").first.map(String.init) ?? "")
        }
    }
}
