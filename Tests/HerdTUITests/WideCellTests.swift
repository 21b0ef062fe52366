import HerdCore
@testable import HerdTUI
import Testing

/// Wide characters (CJK, emoji: two columns) in the cell buffer: two cells each, never half of one on screen,
/// clipped to a blank at a pane's edge, and a changed one drawn whole.
@Suite struct WideCellTests {
    /// Every continuation cell follows the left half of a wide character, and every wide character has one.
    static func whole(_ buf: CellBuffer) -> Bool {
        for y in 0..<buf.height {
            for x in 0..<buf.width {
                let c = buf[x, y]
                if c.isContinuation {
                    guard x > 0, !buf[x - 1, y].isContinuation, DisplayWidth.of(buf[x - 1, y].char) == 2 else { return false }
                } else if DisplayWidth.of(c.char) == 2 {
                    guard x + 1 < buf.width, buf[x + 1, y].isContinuation else { return false }
                }
            }
        }
        return true
    }

    @Test func aWideCharacterTakesTwoCellsAndShowsOnce() {
        var buf = CellBuffer(width: 10, height: 1)
        #expect(buf.put("a日b😀c", x: 0, y: 0, style: .plain) == 7)
        #expect(buf.lines == ["a日b😀c"])
        #expect(buf[1, 0].char == "日" && buf[2, 0].isContinuation && buf[3, 0].char == "b" && buf[6, 0].char == "c")
        #expect(Self.whole(buf))
    }

    @Test func atAClipsEdgeTheHalfInsideIsABlank() {
        var buf = CellBuffer(width: 10, height: 1)
        buf.fill(buf.area, with: Cell("."))
        // Right edge: "ab" then 日 would need columns 2 and 3 of a 3-wide clip.
        buf.put("ab日", x: 0, y: 0, style: .plain, clip: Rect(x: 0, y: 0, width: 3, height: 1))
        #expect(buf.lines == ["ab ......."])
        // Left edge: 日 at column 4 with the clip starting at 5: its right half is a blank, then c.
        buf.put("日c", x: 4, y: 0, style: .plain, clip: Rect(x: 5, y: 0, width: 5, height: 1))
        #expect(buf.lines == ["ab .. c..."])
        // The last column of the buffer: no room for the right half.
        buf.put("x日", x: 8, y: 0, style: .plain)
        #expect(buf.lines == ["ab .. c.x"])
        #expect(Self.whole(buf))
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var buf = CellBuffer(width: 6, height: 2)
        buf.put("日本語", x: 0, y: 0, style: .plain)
        buf[1, 0] = Cell("|")  // the right half of 日
        #expect(buf.lines[0] == " |本語")
        buf[2, 0] = Cell("-")  // the left half of 本
        #expect(buf.lines[0] == " |- 語")
        buf.put("ab", x: 4, y: 0, style: .plain)
        #expect(buf.lines[0] == " |- ab")
        buf.put("漢字", x: 1, y: 1, style: .plain)
        buf.fill(Rect(x: 0, y: 1, width: 2, height: 1), with: Cell("#"))
        #expect(buf.lines[1] == "## 字")
        #expect(Self.whole(buf))
    }

    @Test func unshowableAndZeroWidthCharacters() {
        var buf = CellBuffer(width: 12, height: 1)
        // An unassigned code point shows as ?, a lone zero-width space and a lone combining accent take no cell,
        // an accent on its letter stays with it.
        #expect(buf.put("\u{0301}a\u{0378}b\u{200B}ce\u{0301}", x: 0, y: 0, style: .plain) == 5)
        #expect(buf.lines == ["a?bce\u{0301}"])
    }

    @Test func aChangedWideCharacterIsRedrawnWhole() {
        var before = CellBuffer(width: 8, height: 1)
        before.put("ab日cd", x: 0, y: 0, style: .plain)
        var after = before
        after.put("本", x: 2, y: 0, style: .plain)
        #expect(after.changes(since: before).map { [$0.y, $0.x, $0.cells.count] } == [[0, 2, 2]])
        // Only the right half's cell changes (it becomes a blank and the left half with it): both drawn.
        var split = before
        split[3, 0] = Cell("x")
        let runs = split.changes(since: before)
        #expect(runs.map { [$0.y, $0.x, $0.cells.count] } == [[0, 2, 2]])
        #expect(runs.first?.cells.map(\.char) == [" ", "x"])
        // A run that ends on a left half takes its right half along.
        var lead = CellBuffer(width: 8, height: 1)
        lead.put("xy", x: 0, y: 0, style: .plain)
        var wide = lead
        wide.put("z語", x: 1, y: 0, style: .plain)
        #expect(wide.changes(since: lead).map { [$0.y, $0.x, $0.cells.count] } == [[0, 1, 3]])
    }

    @Test func columnsAreFittedByTheirWidthOnScreen() {
        #expect(PaneFrame.fit("日本語abc", 6) == "日本 …")
        #expect(PaneFrame.fit("ab日", 4) == "ab日")
        #expect(PaneFrame.fit("日", 4) == "日  ")
        #expect(PaneFrame.fit("abcdef", 4) == "abc…")
        for text in ["日本語", "a😀b😀c", "e\u{0301}e\u{0301}xyz", "plain words"] {
            for width in 1...8 { #expect(DisplayWidth.of(PaneFrame.fit(text, width)) == width, "\(text) in \(width)") }
        }
    }

    @Test func aPromptOfWideCharactersKeepsItsCursorInView() {
        #expect(PromptText.withCursor("abc", LineEditor("abc"), width: 10) == "abc▏")
        for text in ["日本語のホスト名を探す", "a😀b😀c😀d😀e😀", "plain ascii text that is long"] {
            for width in 3...12 {
                for cursor in [0, 3, text.count] {
                    var e = LineEditor(text)
                    while e.cursor > cursor { e = e.applying(.left) }
                    let shown = PromptText.withCursor(text, e, width: width)
                    #expect(DisplayWidth.of(shown) <= width, "\(text) at \(cursor) in \(width): \(shown)")
                    #expect(shown.contains("▏"), "\(text) at \(cursor) in \(width): \(shown)")
                }
            }
        }
    }

    @Test func randomTextAndOverwritesNeverLeaveHalfACharacter() {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["a", "日", "😀", "é", "\u{0301}", "\u{200B}", "─", "本語", "\u{1}", "x y", "ｗ"]
        for _ in 0..<300 {
            let w = Int.random(in: 1...12, using: &rng)
            var buf = CellBuffer(width: w, height: 2)
            for _ in 0..<12 {
                let y = Int.random(in: 0...1, using: &rng)
                let x = Int.random(in: -2...w, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0:
                    let text = (0..<Int.random(in: 1...6, using: &rng)).map { _ in pieces.randomElement(using: &rng) ?? "" }.joined()
                    let cx = Int.random(in: -1...w, using: &rng)
                    buf.put(text, x: x, y: y, style: .plain, clip: Rect(x: cx, y: 0, width: Int.random(in: 0...w, using: &rng), height: 2))
                case 1:
                    buf[x, y] = Cell("|")
                default:
                    buf.fill(Rect(x: x, y: y, width: Int.random(in: 0...3, using: &rng), height: 1), with: Cell("#"))
                }
                #expect(Self.whole(buf), "\(buf.lines)")
            }
        }
    }
}
