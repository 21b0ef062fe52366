@testable import HerdCore
import Testing

/// Terminal columns per character, as ncurses counts them (wcwidth under C.UTF-8), whatever the process's locale.
@Suite struct DisplayWidthTests {
    @Test(arguments: [
        ("a", 1), ("é", 1), ("─", 1), ("█", 1), ("⣿", 1), ("●", 1), ("日", 2), ("한", 2), ("Ａ", 2), ("😀", 2), ("✅", 2),
        ("\u{0301}", 0), ("\u{200B}", 0), ("\u{1}", -1), ("\u{7F}", -1), ("\u{85}", -1), ("\u{0378}", -1), ("e\u{0301}", 1),
    ] as [(String, Int)])
    func columns(_ text: String, _ expected: Int) throws {
        let ch = try #require(text.first)
        #expect(text.count == 1)
        #expect(DisplayWidth.of(ch) == expected, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    @Test func textCountsWideTwiceAndUnshowableOnce() {
        #expect(DisplayWidth.of("ab日本😀") == 8)
        #expect(DisplayWidth.of("a\u{1}b\u{0301}") == 3)
        #expect(DisplayWidth.of("") == 0)
    }

    @Test func aPrefixStopsBeforeTheCharacterThatWouldNotFit() {
        #expect(DisplayWidth.prefix("日本語", columns: 5) == ("日本", 4))
        #expect(DisplayWidth.prefix("ab日", columns: 4) == ("ab日", 4))
        #expect(DisplayWidth.prefix("a\u{1}b", columns: 2) == ("a\u{1}", 2))
        #expect(DisplayWidth.prefix("abc", columns: 0) == ("", 0))
    }

    @Test func theFallbackWithoutALocaleKnowsTheWideBlocks() {
        for (v, w) in [(0x41, 1), (0x65E5, 2), (0xAC00, 2), (0xFF21, 2), (0x1F600, 2), (0x2500, 1), (0x20000, 2)] as [(UInt32, Int)] {
            #expect(DisplayWidth.fallback(v) == w, "\(String(v, radix: 16))")
        }
    }
}
