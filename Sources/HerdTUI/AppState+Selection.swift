import HerdCore

/// The host cursor follows the host, not the row: through a sort whose values move, a filter that hides and
/// shows it again, a roster reload and every refresh. Actions then act on the host the user sees selected.
extension AppState {
    /// Re-anchors `hostIndex` after `visibleHosts` changed from `old.visibleHosts`:
    /// 1. the host the user chose, hidden until now (by a filter), is selected again when it shows;
    /// 2. else the host under the cursor stays selected wherever it moved;
    /// 3. else (hidden or removed) its nearest neighbour in the old order that is still shown; a host that left
    ///    the roster hands the choice to that neighbour, a host only filtered out keeps it for when it shows again.
    mutating func followSelection(from old: AppState) {
        let shown = Dictionary(visibleHosts.indices.map { (visibleHosts[$0].host.name, $0) }, uniquingKeysWith: { a, _ in a })
        let before = old.visibleHosts
        let oldIndex = before.indices.contains(old.hostIndex) ? old.hostIndex : nil
        let under = oldIndex.map { before[$0].host.name }
        let inRoster = Set((snapshot?.hosts ?? []).map(\.host.name))
        // The chosen host is hidden by the filter (not removed): it stays the choice until it shows again.
        let hiddenChoice = selectedHostName.map { c in inRoster.contains(c) && !before.contains { $0.host.name == c } } ?? false
        if hiddenChoice, let chosen = selectedHostName, let i = shown[chosen] {
            hostIndex = i
            return
        }
        if let under, let i = shown[under] {
            hostIndex = i
            if !hiddenChoice { selectedHostName = under }
            return
        }
        guard let oldIndex, let under else {
            hostIndex = min(hostIndex, max(0, visibleHosts.count - 1))
            if selectedHostName == nil { selectedHostName = selectedHost?.host.name }
            return
        }
        var neighbour: Int?
        for d in 1..<max(2, before.count) {
            if oldIndex + d < before.count, let i = shown[before[oldIndex + d].host.name] { neighbour = i; break }
            if oldIndex - d >= 0, let i = shown[before[oldIndex - d].host.name] { neighbour = i; break }
        }
        hostIndex = neighbour ?? min(oldIndex, max(0, visibleHosts.count - 1))
        if hiddenChoice { return }
        selectedHostName = inRoster.contains(under) ? under : selectedHost?.host.name
    }
}
