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

    /// The table as lines, columns padded to their widest cell (measured in characters). Every cell is shown
    /// through `TerminalText.line`: text from a host or a file cannot add a row or reach the terminal as an escape.
    public func render() -> String {
        let all = ([header] + rows).map { $0.map(TerminalText.line) }
        var widths = [Int](repeating: 0, count: header.count)
        for row in all {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        var out = ""
        for row in all {
            var line = ""
            for (i, cell) in row.enumerated() where i < widths.count {
                if i > 0 { line += "  " }
                line += cell + String(repeating: " ", count: widths[i] - cell.count)
            }
            while line.last == " " { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}
