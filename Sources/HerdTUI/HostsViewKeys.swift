import HerdCore

/// Keys of the host detail view and of trouble pinning, tried by `Reducer` before the key table in normal mode:
/// Enter on the hosts pane opens the selected host's details; in the detail view ↑/↓ (j/k) step through the hosts
/// and Esc returns; `!` pins troubled hosts at the top (or unpins).
enum HostsViewKeys {
    static func handle(_ state: AppState, _ key: Key) -> (AppState, [Effect])? {
        var s = state
        if KeyMap.action(for: key) == .pinTrouble {
            s.hostsView.pinTrouble.toggle()
            s.message = s.hostsView.pinTrouble ? "troubled hosts pinned at the top" : "trouble no longer pinned"
            return (s, [])
        }
        if s.hostsView.detail != nil {
            switch key {
            case .escape, .backspace:
                s.hostsView.detail = nil
                return (s, [])
            case .up, .down, .char("k"), .char("j"):
                let d = key == .up || key == .char("k") ? -1 : 1
                s.hostIndex = max(0, min(s.visibleHosts.count - 1, s.hostIndex + d))
                s.hostsView.detail = s.selectedHost?.host.name ?? s.hostsView.detail
                return (s, [])
            case .mouse:
                return (s, [])  // the table under the detail view is hidden: a click there selects nothing
            default:
                return nil
            }
        }
        if key == .enter, s.focus == .hosts, let h = s.selectedHost {
            s.hostsView.detail = h.host.name
            return (s, [])
        }
        return nil
    }
}
