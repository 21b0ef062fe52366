/// How the log pane shows the log: following its end, or paused at a line (scrolled back, or at a search match).
public struct LogView: Equatable, Sendable {
    /// The first line shown while paused; nil while following (the newest lines at the bottom).
    public var top: Int?
    /// The last search (`/` in the log pane); n and N find its next and previous match.
    public var search = ""
    /// The line of the current match.
    public var match: Int?

    public init() {}

    public var following: Bool { top == nil }

    /// The first line shown of `count` lines in `rows` rows.
    public func first(count: Int, rows: Int) -> Int {
        let last = max(0, count - rows)
        return top.map { min(max(0, $0), last) } ?? last
    }

    /// Scrolls by `delta` lines (negative: back); reaching the end follows again.
    public mutating func scroll(by delta: Int, count: Int, rows: Int) {
        let target = first(count: count, rows: rows) + delta
        top = target >= count - rows ? nil : max(0, target)
    }

    /// Pauses at the first line.
    public mutating func toTop() { top = 0 }

    /// Follows the end again.
    public mutating func follow() { top = nil }

    /// Finds the next (or previous, `backward`) line containing `search` (case-insensitive) from the current match
    /// or view, wrapping around; pauses with the match in view. Returns whether there was one.
    @discardableResult
    public mutating func find(in lines: [String], rows: Int, backward: Bool = false) -> Bool {
        let needle = search.lowercased()
        guard !needle.isEmpty, !lines.isEmpty else { return false }
        let n = lines.count
        let from = match ?? (backward ? first(count: n, rows: rows) + rows : first(count: n, rows: rows) - 1)
        for step in 1...n {
            let i = ((from + (backward ? -step : step)) % n + n) % n
            if lines[i].lowercased().contains(needle) {
                match = i
                let start = first(count: n, rows: rows)
                if i < start || i >= start + rows || top == nil { top = max(0, min(i - rows / 2, n - rows)) }
                return true
            }
        }
        match = nil
        return false
    }
}
