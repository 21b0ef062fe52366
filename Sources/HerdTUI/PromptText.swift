import HerdCore

/// How a prompt's line is drawn: the text with a bar at the cursor, scrolled so that the cursor stays in view.
enum PromptText {
    /// "ab▏cd" for the cursor between b and c. The cursor is the editor's when the editor holds `text`, else at the end.
    /// A line wider than `width` columns shows the part around the cursor, with "…" where text is left out.
    /// Widths are the terminal's columns: a wide character (CJK, emoji) takes two.
    static func withCursor(_ text: String, _ e: LineEditor, width: Int = Int.max) -> String {
        let chars = Array(text)
        let c = e.text == text ? min(max(0, e.cursor), chars.count) : chars.count
        let line = chars[..<c] + ["▏"] + chars[c...]
        guard DisplayWidth.of(line) > width, width > 2 else { return String(line) }
        // Keep the cursor in the last third of the room when scrolled, so some text before it shows too; with wide
        // characters before it, scroll on until the cursor itself is in the room.
        var start = max(0, min(c - (width - 1) * 2 / 3, chars.count + 1 - (width - 1)))
        while start < c, DisplayWidth.of(line[(start == 0 ? 0 : start + 1)...c]) > width - 1 { start += 1 }
        return start == 0
            ? DisplayWidth.prefix(line, columns: width - 1).text + "…"
            : "…" + DisplayWidth.prefix(line[(start + 1)...], columns: width - 1).text
    }
}
