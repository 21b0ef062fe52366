/// Plain-text tables for CLI output: left-aligned columns separated by two spaces, no trailing blanks.
public struct TextTable: Sendable {
    /// The header row.
    public var header: [String]
    /// The body rows; each has as many cells as the header.
    public var rows: [[String]]

    public init(header: [String], rows: [[String]] = []) {
        self.header = header
        self.rows = rows
    }

    /// The table as lines, columns padded to their widest cell (in terminal columns: a CJK character or an emoji
    /// counts two, an accent on its letter none, as `DisplayWidth` counts them). Every cell is shown
    /// through `TerminalText.line`: text from a host or a file cannot add a row or reach the terminal as an escape.
    public func render() -> String {
        let all = ([header] + rows).map { $0.map(TerminalText.line) }
        let columns = all.map { $0.map(DisplayWidth.of) }
        var widths = [Int](repeating: 0, count: header.count)
        for row in columns {
            for (i, w) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], w) }
        }
        var out = ""
        for (row, rowColumns) in zip(all, columns) {
            var line = ""
            for (i, cell) in row.enumerated() where i < widths.count {
                if i > 0 { line += "  " }
                line += cell + String(repeating: " ", count: widths[i] - rowColumns[i])
            }
            while line.last == " " { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}
