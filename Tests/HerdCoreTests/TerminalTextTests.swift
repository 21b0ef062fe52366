import HerdCore
import Testing

@Suite struct TerminalTextTests {
    static let esc = "\u{1B}"

    /// Mode (a): input, expected cell text.
    static let lineCases: [(String, String)] = [
        ("plain text", "plain text"),
        ("Linux\u{1B}]0;pwned\u{07}", "Linux"),
        ("Linux\u{1B}]0;pwned\u{1B}\\ 6.1", "Linux 6.1"),
        ("a\u{1B}]52;c;cHduZWQ=\u{07}b", "ab"),
        ("a\u{1B}]52;c;cHduZWQ=\u{1B}\\b", "ab"),
        ("\u{1B}[31mred\u{1B}[0m", "red"),
        ("\u{1B}[2Jclear\u{1B}[H", "clear"),
        ("x\u{1B}[?1049hy\u{1B}[?2004hz", "xyz"),
        ("a\u{1B}Pq#0;1;2\u{1B}\\b", "ab"),
        ("a\u{1B}_apc\u{1B}\\b\u{1B}^pm\u{1B}\\c\u{1B}Xsos\u{1B}\\d", "abcd"),
        ("a\u{1B}cb\u{1B}7c\u{1B}(Bd\u{1B}#8e", "abcde"),
        ("lone\u{1B}", "lone"),
        ("a\u{9B}2Jb", "ab"),
        ("a\u{9D}0;t\u{9C}b", "ab"),
        ("a\u{90}dcs\u{9C}b\u{85}c", "abc"),
        ("row1\nrow2\tcol\rx", "row1 row2 col x"),
        ("bell\u{07}back\u{08}del\u{7F}nul\u{00}", "bellbackdelnul"),
        ("a\u{2028}b\u{202E}c\u{2066}d", "a bcd"),
        ("ümlaut 日本 🐑", "ümlaut 日本 🐑"),
        ("a\u{1B}]0;unterminated\nb", "a b"),
        ("a\u{1B}[1;2\u{1B}]0;t\u{07}b", "ab"),
        ("a\u{1B}\u{1B}[mb", "ab"),
    ]

    @Test(arguments: lineCases) func lineModeStripsEveryControl(_ input: String, _ expected: String) {
        #expect(TerminalText.line(input) == expected)
    }

    /// Mode (b): input, expected output (carriage returns kept).
    static let streamCases: [(String, String)] = [
        ("\u{1B}[31mred\u{1B}[0m\n", "\u{1B}[31mred\u{1B}[0m\n"),
        ("\u{1B}[38;5;196mx\u{1B}[38:2:1:2:3my\u{1B}[m", "\u{1B}[38;5;196mx\u{1B}[38:2:1:2:3my\u{1B}[m"),
        ("a\u{1B}]52;c;cHduZWQ=\u{07}b", "ab"),
        ("a\u{1B}]0;title\u{1B}\\b", "ab"),
        ("\u{1B}[2J\u{1B}[Hhome\u{1B}[5;5Hx", "homex"),
        ("\u{1B}[?1049h\u{1B}[?2004h\u{1B}[>4;1m\u{1B}[?25lx", "x"),
        ("\u{1B}[1 mx", "x"),
        ("a\u{9B}31mb", "a\u{1B}[31mb"),
        ("line1\r\nline2\tend\n", "line1\r\nline2\tend\n"),
        ("bell\u{07}\u{08}\u{0B}", "bell"),
        ("\u{1B}=\u{1B}>\u{1B}Mx", "x"),
        ("a\u{1B}]0;unterminated\nb", "a\nb"),
    ]

    @Test(arguments: streamCases) func streamModeKeepsOnlyColour(_ input: String, _ expected: String) {
        let out = TerminalText.stream(Array(input.utf8))
        #expect(String(decoding: out, as: UTF8.self) == expected)
    }

    @Test func streamModeCanDropCarriageReturns() {
        let out = TerminalText.stream(Array("tb01: x\rtb02: forged\r\n".utf8), keepCarriageReturn: false)
        #expect(String(decoding: out, as: UTF8.self) == "tb01: xtb02: forged\n")
    }

    @Test func longSGRIsDropped() {
        let long = "\u{1B}[" + String(repeating: "1;", count: 100) + "mx"
        #expect(TerminalText.stream(Array(long.utf8)) == Array("x".utf8))
    }

    @Test func invalidUTF8BecomesReplacementAndNeverAnEscape() {
        let bytes: [UInt8] = [0x61, 0xFF, 0x9B, 0x32, 0x4A, 0xC2, 0x1B, 0x5B, 0x32, 0x4A, 0xE2, 0x82, 0x62, 0xED, 0xA0, 0x80, 0xF4, 0x90]
        let out = TerminalText.stream(bytes)
        #expect(!out.contains(0x1B))
        #expect(String(decoding: out, as: UTF8.self) == "a\u{FFFD}\u{FFFD}2J\u{FFFD}\u{FFFD}b\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}")
        // Output is always valid UTF-8.
        #expect(Array(String(decoding: out, as: UTF8.self).utf8) == out)
    }

    /// Every input, split at every offset into two chunks, filters to the same bytes as in one piece.
    @Test func splitAtEveryOffsetGivesTheSameOutput() {
        let hostile = "ok \u{1B}]0;pwned\u{07}\u{1B}]52;c;Zm9v\u{1B}\\\u{1B}[31mred\u{1B}[0m\u{1B}[2J ü日🐑\u{9B}1m\u{1B}Pdcs\u{1B}\\\r\nend\u{1B}"
        let bytes = Array(hostile.utf8) + [0xFF, 0xE2, 0x82]
        for mode in [TerminalFilter.Mode.line, .stream(keepCarriageReturn: true), .stream(keepCarriageReturn: false)] {
            var whole = TerminalFilter(mode), expected: [UInt8] = []
            whole.feed(bytes, into: &expected)
            whole.finish(into: &expected)
            for cut in 0...bytes.count {
                var f = TerminalFilter(mode), out: [UInt8] = []
                f.feed(bytes[0..<cut], into: &out)
                f.feed(bytes[cut...], into: &out)
                f.finish(into: &out)
                #expect(out == expected, "mode \(mode), cut at \(cut)")
            }
            // And byte by byte.
            var f = TerminalFilter(mode), out: [UInt8] = []
            for b in bytes { f.feed(CollectionOfOne(b), into: &out) }
            f.finish(into: &out)
            #expect(out == expected)
        }
    }

    @Test func randomBytesNeverLeaveAnythingButSGR() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let bytes = (0..<512).map { _ in [0x1B, 0x5B, 0x5D, 0x07, 0x9B, 0xC2, 0x3B, 0x6D, 0x31][Int.random(in: 0..<9, using: &rng)] as UInt8 }
            let line = TerminalText.line(String(decoding: bytes, as: UTF8.self))
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 || ($0.value >= 0x7F && $0.value <= 0x9F) })
            let out = TerminalText.stream(bytes)
            // Every ESC left starts an SGR: ESC [ (digits ; :)* m.
            var i = 0
            while let e = out[i...].firstIndex(of: 0x1B) {
                #expect(out[e + 1] == 0x5B)
                var j = e + 2
                while j < out.count, (0x30...0x3B).contains(out[j]) { j += 1 }
                #expect(j < out.count && out[j] == 0x6D)
                i = j
            }
        }
    }

    @Test func storedFieldCheck() {
        #expect(!TerminalText.hasControlCharacters("GPU box, room 3 — ü"))
        #expect(TerminalText.hasControlCharacters("two\nlines"))
        #expect(TerminalText.hasControlCharacters("tab\there"))
        #expect(TerminalText.hasControlCharacters("esc\u{1B}]0;x"))
        #expect(TerminalText.hasControlCharacters("c1\u{9B}"))
        #expect(TerminalText.hasControlCharacters("sep\u{2028}"))
    }

    @Test func tenMegabytesIsLinear() {
        let bytes = [UInt8](repeating: 0x61, count: 10_000_000)
        let clock = ContinuousClock()
        let start = clock.now
        var f = TerminalFilter(.stream(keepCarriageReturn: true)), out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            f.feed(bytes[i..<min(i + 4096, bytes.count)], into: &out)
            i += 4096
        }
        #expect(out.count == bytes.count)
        #expect(clock.now - start < .seconds(10))
    }
}

@Suite struct LabelledLinesTests {
    func run(_ chunks: [[UInt8]], filter: TerminalFilter.Mode? = nil) -> String {
        var l = LabelledLines(label: "h1: ", filter: filter, skip: "@@herd-timeout")
        var out: [UInt8] = []
        for c in chunks { l.feed(c, into: &out) }
        l.finish(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func labelsLinesAndSkipsTheMarker() {
        #expect(run([Array("a\nb".utf8), Array("c\n@@herd-timeout\nlast".utf8)]) == "h1: a\nh1: bc\nh1: last\n")
    }

    @Test func splitAtEveryOffsetGivesTheSameLines() {
        let bytes = Array("one\n\u{1B}]0;t\u{07}tw\u{1B}[1mo\n@@herd-timeout\nü日\u{1B}]52;c;x\u{1B}\\three".utf8)
        for filter in [nil, TerminalFilter.Mode.stream(keepCarriageReturn: false)] {
            let whole = run([bytes], filter: filter)
            for cut in 0...bytes.count {
                #expect(run([Array(bytes[..<cut]), Array(bytes[cut...])], filter: filter) == whole, "cut at \(cut)")
            }
        }
    }

    @Test func colourIsResetAtTheEndOfALineThatSetIt() {
        #expect(run([Array("\u{1B}[31mred\n\u{1B}]0;t\u{07}x\n".utf8)], filter: .stream(keepCarriageReturn: false))
            == "h1: \u{1B}[31mred\u{1B}[0m\nh1: x\n")
    }

    @Test func overLongLinesComeInPiecesOnCharacterBoundaries() {
        let text = String(repeating: "ü", count: LabelledLines.maxLine)  // 2 bytes each
        let out = run([Array(text.utf8)])
        let lines = out.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.hasPrefix("h1: ") && $0.utf8.count <= LabelledLines.maxLine + 4 })
        #expect(lines.map { $0.dropFirst(4) }.joined() == text)
    }

    /// 10 MB without a newline, fed in 4 KiB chunks: linear (the old printer re-scanned from the start).
    @Test(arguments: [false, true]) func tenMegabytesWithoutNewlineIsFast(_ filtered: Bool) {
        let chunk = [UInt8](repeating: 0x78, count: 4096)
        let clock = ContinuousClock()
        let start = clock.now
        var l = LabelledLines(label: "h1: ", filter: filtered ? .stream(keepCarriageReturn: false) : nil)
        var total = 0, first: [UInt8] = []
        for _ in 0..<(10_000_000 / 4096) {
            var out: [UInt8] = []
            l.feed(chunk, into: &out)
            total += out.count
            if first.isEmpty && !out.isEmpty { first = out }
        }
        var out: [UInt8] = []
        l.finish(into: &out)
        total += out.count
        let elapsed = clock.now - start
        #expect(elapsed < .seconds(3), "took \(elapsed)")
        // Every piece is the label, 64 KiB of output and a newline; the last one comes from finish.
        let pieces = (10_000_000 / 4096 * 4096) / LabelledLines.maxLine
        #expect(first.count == LabelledLines.maxLine + 5 && first.starts(with: Array("h1: ".utf8)) && first.last == 0x0A)
        #expect(total == 10_000_000 / 4096 * 4096 + (pieces + 1) * 5)
    }
}
