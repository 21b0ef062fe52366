import HerdCore

/// One terminal cell: a character (one column wide) and its style.
public struct Cell: Equatable, Sendable {
    public var char: Character
    public var style: Style

    public init(_ char: Character = " ", _ style: Style = .plain) {
        self.char = char
        self.style = style
    }
}

/// A grid of cells that panes draw into: pure, no terminal involved. The screen backend flushes the cells that
/// differ from the previous frame.
public struct CellBuffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = Cell()) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = [Cell](repeating: fill, count: self.width * self.height)
    }

    /// The whole buffer as a rectangle.
    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { if x >= 0, y >= 0, x < width, y < height { cells[y * width + x] = newValue } }
    }

    /// Writes `text` from (x, y), clipped to `clip` (default: the whole buffer); returns the columns written.
    /// The text is shown through `TerminalText.line` (host text cannot put an escape or a line break into a cell);
    /// any control character left is shown as `?`.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style, clip: Rect? = nil) -> Int {
        let c = clip ?? area
        guard y >= c.y, y < c.y + c.height, y >= 0, y < height else { return 0 }
        var col = x
        let end = min(c.x + c.width, width)
        for ch in TerminalText.line(text) {
            if col >= end { break }
            if col >= c.x && col >= 0 {
                let shown: Character = ch.unicodeScalars.first.map { $0.value < 0x20 || $0.value == 0x7F } == true ? "?" : ch
                cells[y * width + col] = Cell(shown, style)
            }
            col += 1
        }
        return max(0, col - x)
    }

    /// Fills `rect` (clipped to the buffer) with `cell`.
    public mutating func fill(_ rect: Rect, with cell: Cell = Cell()) {
        let x0 = max(0, rect.x), y0 = max(0, rect.y)
        let x1 = min(width, rect.x + rect.width), y1 = min(height, rect.y + rect.height)
        guard x0 < x1, y0 < y1 else { return }
        for y in y0..<y1 { for x in x0..<x1 { cells[y * width + x] = cell } }
    }

    /// The characters of each row, trailing blanks trimmed (for golden tests).
    public var lines: [String] {
        (0..<height).map { y in
            var s = String(cells[(y * width)..<(y * width + width)].map(\.char))
            while s.last == " " { s.removeLast() }
            return s
        }
    }

    /// Runs of cells that differ from `previous` (everything when the sizes differ): (row, first column, cells).
    public func changes(since previous: CellBuffer?) -> [(y: Int, x: Int, cells: [Cell])] {
        guard let previous, previous.width == width, previous.height == height else {
            return (0..<height).map { y in (y, 0, Array(cells[(y * width)..<(y * width + width)])) }
        }
        var runs: [(y: Int, x: Int, cells: [Cell])] = []
        for y in 0..<height {
            var x = 0
            while x < width {
                let i = y * width + x
                if cells[i] == previous.cells[i] { x += 1; continue }
                var end = x
                while end < width, cells[y * width + end] != previous.cells[y * width + end] { end += 1 }
                runs.append((y, x, Array(cells[i..<(y * width + end)])))
                x = end
            }
        }
        return runs
    }
}
