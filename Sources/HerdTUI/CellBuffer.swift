import HerdCore

/// One terminal cell: a character and its style. A wide character (CJK, most emoji: two columns) sits in the cell of
/// its left column; the cell of its right column is its continuation, drawn by the character itself.
public struct Cell: Equatable, Sendable {
    public var char: Character
    public var style: Style
    /// The right half of the wide character in the cell to the left.
    public var isContinuation: Bool

    public init(_ char: Character = " ", _ style: Style = .plain) {
        self.char = char
        self.style = style
        isContinuation = false
    }

    /// The right half of a wide character drawn in `style`.
    public static func continuation(_ style: Style) -> Cell {
        var c = Cell(" ", style)
        c.isContinuation = true
        return c
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

    /// A cell. Setting one over half of a wide character blanks its other half. For one-column characters only:
    /// a wide character goes in through `put`, which gives it its continuation cell.
    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { if x >= 0, y >= 0, x < width, y < height { store(newValue, x: x, y: y) } }
    }

    /// Puts `cell` at (x, y), inside the buffer.
    private mutating func store(_ cell: Cell, x: Int, y: Int) {
        release(x..<(x + 1), y: y)
        cells[y * width + x] = cell
    }

    /// Before `columns` of row `y` (inside the buffer) are overwritten: a wide character across either edge is gone
    /// whole, its half outside becoming a blank of its style, so no half of a character is left for the terminal.
    private mutating func release(_ columns: Range<Int>, y: Int) {
        let row = y * width
        if columns.lowerBound > 0, cells[row + columns.lowerBound].isContinuation {
            cells[row + columns.lowerBound - 1] = Cell(" ", cells[row + columns.lowerBound - 1].style)
        }
        if columns.upperBound < width, cells[row + columns.upperBound].isContinuation {
            cells[row + columns.upperBound] = Cell(" ", cells[row + columns.upperBound].style)
        }
    }

    /// Writes `text` from (x, y), clipped to `clip` (default: the whole buffer); returns the columns written.
    /// The text is shown through `TerminalText.line` (host text cannot put an escape or a line break into a cell);
    /// any control character left, or one a terminal cannot show, is shown as `?`. A wide character takes two
    /// cells; where only one of them is inside the clip, that one is a blank. A lone zero-width character takes none.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style, clip: Rect? = nil) -> Int {
        let c = clip ?? area
        guard y >= c.y, y < c.y + c.height, y >= 0, y < height else { return 0 }
        var col = x
        let start = max(c.x, 0)
        let end = min(c.x + c.width, width)
        for ch in TerminalText.line(text) {
            if col >= end { break }
            var shown = ch
            var w = DisplayWidth.of(ch)
            if w < 0 { (shown, w) = ("?", 1) }
            if w == 0 { continue }
            if w == 1 {
                if col >= start { store(Cell(shown, style), x: col, y: y) }
            } else if col >= start && col + 1 < end {
                release(col..<(col + 2), y: y)
                cells[y * width + col] = Cell(shown, style)
                cells[y * width + col + 1] = .continuation(style)
            } else {
                // Half of it outside the clip: the half inside is a blank.
                for half in col...(col + 1) where half >= start && half < end { store(Cell(" ", style), x: half, y: y) }
            }
            col += w
        }
        return max(0, min(col, end) - x)
    }

    /// Fills `rect` (clipped to the buffer) with `cell`.
    public mutating func fill(_ rect: Rect, with cell: Cell = Cell()) {
        let x0 = max(0, rect.x), y0 = max(0, rect.y)
        let x1 = min(width, rect.x + rect.width), y1 = min(height, rect.y + rect.height)
        guard x0 < x1, y0 < y1 else { return }
        for y in y0..<y1 {
            release(x0..<x1, y: y)
            for i in (y * width + x0)..<(y * width + x1) { cells[i] = cell }
        }
    }

    /// The characters of each row as the terminal shows them (a wide character once), trailing blanks trimmed
    /// (for golden tests).
    public var lines: [String] {
        (0..<height).map { y in
            var s = String(cells[(y * width)..<(y * width + width)].filter { !$0.isContinuation }.map(\.char))
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
                // A wide character is drawn whole: a run starts at its left half and ends after its right half.
                var from = x
                if cells[i].isContinuation, from > 0 { from -= 1 }
                if end < width, cells[y * width + end].isContinuation { end += 1 }
                runs.append((y, from, Array(cells[(y * width + from)..<(y * width + end)])))
                x = end
            }
        }
        return runs
    }
}
