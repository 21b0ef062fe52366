import HerdCore

/// What changed between two rosters, for the status line: "roster: +a −b ~c" (added, removed, changed).
struct RosterChange {
    var added: [String] = []
    var removed: [String] = []
    var changed: [String] = []

    init(old: [Host], new: [Host]) {
        let before = Dictionary(old.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let after = Set(new.map(\.name))
        for h in new {
            if let b = before[h.name] { if b != h { changed.append(h.name) } } else { added.append(h.name) }
        }
        removed = old.map(\.name).filter { !after.contains($0) }
    }

    /// The change as one short line, or nil when nothing changed.
    var text: String? {
        func list(_ sign: String, _ names: [String]) -> String? {
            guard !names.isEmpty else { return nil }
            return sign + (names.count > 3 ? names.prefix(3).joined(separator: ",") + ",+\(names.count - 3)" : names.joined(separator: ","))
        }
        let parts = [list("+", added), list("−", removed), list("~", changed)].compactMap { $0 }
        return parts.isEmpty ? nil : "roster reloaded: " + parts.joined(separator: " ")
    }
}
