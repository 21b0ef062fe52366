import HerdTUI
import Testing

/// The prompt line editor, key by key: each row is a start line (| marks the cursor), keys, and the expected line.
@Suite struct LineEditorTests {
    /// "ab|cd" → an editor holding "abcd" with the cursor after b.
    static func editor(_ marked: String, history: [String] = []) -> LineEditor {
        let parts = marked.split(separator: "|", omittingEmptySubsequences: false)
        var e = LineEditor(parts.joined(), history: history)
        for _ in 0..<(parts.count > 1 ? parts[1].count : 0) { e.apply(.left) }
        return e
    }

    static func marked(_ e: LineEditor) -> String {
        let chars = Array(e.text)
        return String(chars[..<e.cursor]) + "|" + String(chars[e.cursor...])
    }

    @Test(arguments: [
        ("|", [Key.char("a"), .char("b")], "ab|"),
        ("ac|", [.left, .char("b")], "ab|c"),
        ("hello|", [.ctrl("a")], "|hello"),
        ("|hello", [.ctrl("e")], "hello|"),
        ("he|llo", [.home], "|hello"),
        ("he|llo", [.end], "hello|"),
        ("he|llo", [.right, .right], "hell|o"),
        ("hello|", [.right], "hello|"),
        ("|hello", [.left], "|hello"),
        ("he|llo", [.backspace], "h|llo"),
        ("|hello", [.backspace], "|hello"),
        ("he|llo", [.delete], "he|lo"),
        ("hello|", [.delete], "hello|"),
        ("he|llo", [.ctrl("d")], "he|lo"),
        ("ls -la /tmp|", [.ctrl("w")], "ls -la |"),
        ("ls -la   |", [.ctrl("w")], "ls |"),
        ("ls -la|", [.ctrl("w"), .ctrl("w"), .ctrl("w")], "|"),
        ("ls -l|a /tmp", [.ctrl("w")], "ls |a /tmp"),
        ("ls -la| /tmp", [.ctrl("u")], "| /tmp"),
        ("ls -la| /tmp", [.ctrl("k")], "ls -la|"),
        ("hé|llo", [.backspace, .char("ü")], "hü|llo"),
        ("x|", [.tab, .enter, .escape], "x|"),
    ])
    func editing(_ start: String, _ keys: [Key], _ expected: String) {
        var e = Self.editor(start)
        for k in keys { e.apply(k) }
        #expect(Self.marked(e) == expected)
    }

    @Test func historyWalksBackAndReturnsToTheDraft() {
        var e = Self.editor("dra|", history: ["uptime", "df -h"])
        e.apply(.up)
        #expect(Self.marked(e) == "df -h|")
        e.apply(.up)
        #expect(e.text == "uptime")
        e.apply(.up)
        #expect(e.text == "uptime", "stays at the oldest")
        e.apply(.down)
        #expect(e.text == "df -h")
        e.apply(.down)
        #expect(Self.marked(e) == "dra|", "past the newest: the line being typed")
        e.apply(.down)
        #expect(e.text == "dra")
    }

    @Test func editingARecalledLineLeavesTheHistoryAlone() {
        var e = LineEditor("", history: ["uptime"])
        e.apply(.ctrl("p"))
        e.apply(.char("!"))
        #expect(e.text == "uptime!" && e.history == ["uptime"])
        e.apply(.down)
        #expect(e.text == "uptime!", "an edited line is the draft now")
    }

    @Test func emptyHistoryIgnoresUpAndDown() {
        var e = Self.editor("ab|")
        e.apply(.up)
        e.apply(.down)
        #expect(Self.marked(e) == "ab|")
    }

    @Test func rememberKeepsBoundedNonBlankNonRepeatedLines() {
        #expect(LineEditor.remember("a", in: []) == ["a"])
        #expect(LineEditor.remember("a", in: ["a"]) == ["a"])
        #expect(LineEditor.remember("  ", in: ["a"]) == ["a"])
        #expect(LineEditor.remember("b", in: ["a"]) == ["a", "b"])
        let full = (0..<LineEditor.historyLimit).map(String.init)
        let next = LineEditor.remember("new", in: full)
        #expect(next.count == LineEditor.historyLimit && next.first == "1" && next.last == "new")
        #expect(LineEditor("", history: full + ["x"]).history.count == LineEditor.historyLimit)
    }

    @Test func replaceMovesTheCursorToTheEnd() {
        var e = Self.editor("o|n")
        e.replace(with: "on tb01 ")
        #expect(Self.marked(e) == "on tb01 |")
    }
}
