/// Everything a key can do on the dashboard.
public enum Action: String, Sendable, CaseIterable {
    case moveUp, moveDown, nextPane, attach, stop, runOnAll, clean, cleanAll, refresh, placement, filter, sort, help, quit
    case pinTrouble
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
        Binding(keys: [.tab], label: "Tab", action: .nextPane, help: "next pane (hosts, jobs, log)", hint: true),
        Binding(keys: [.enter, .char("a")], label: "Enter/a", action: .attach, help: "attach to the selected job (Ctrl+B D returns); on a host: details", hint: true),
        Binding(keys: [.char("s")], label: "s", action: .stop, help: "stop the selected job (asks first)", hint: true),
        Binding(keys: [.char("o")], label: "o", action: .runOnAll, help: "run a command on all shared hosts; output folded in the log pane", hint: true),
        Binding(keys: [.char("c")], label: "c", action: .clean, help: "clean the selected host (dry-run figures first, then confirm)", hint: true),
        Binding(keys: [.char("C")], label: "C", action: .cleanAll, help: "clean all shared hosts (dry-run figures first, then confirm)", hint: false),
        Binding(keys: [.char("r")], label: "r", action: .refresh, help: "refresh now", hint: false),
        Binding(keys: [.char("p")], label: "p", action: .placement, help: "placement query, e.g. --ram 16G --gpu or 7b inference", hint: true),
        Binding(keys: [.char("/")], label: "/", action: .filter, help: "filter hosts by name, tag or target", hint: true),
        Binding(keys: [.char("S")], label: "S", action: .sort, help: "sort hosts: name, load, ram, disk", hint: false),
        Binding(keys: [.char("!")], label: "!", action: .pinTrouble, help: "pin troubled hosts (down, partial, overloaded) at the top, or unpin", hint: false),
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
