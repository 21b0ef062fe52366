/// How a prompt's line is drawn: the text with a bar at the cursor, scrolled so that the cursor stays in view.
enum PromptText {
    /// "ab▏cd" for the cursor between b and c. The cursor is the editor's when the editor holds `text`, else at the end.
    /// A line wider than `width` columns shows the part around the cursor, with "…" where text is left out.
    static func withCursor(_ text: String, _ e: LineEditor, width: Int = Int.max) -> String {
        let chars = Array(text)
        let c = e.text == text ? min(max(0, e.cursor), chars.count) : chars.count
        let line = String(chars[..<c]) + "▏" + String(chars[c...])
        guard line.count > width, width > 2 else { return line }
        // Keep the cursor in the last third of the room when scrolled, so some text before it shows too.
        let start = max(0, min(c - (width - 1) * 2 / 3, chars.count + 1 - (width - 1)))
        if start == 0 { return String(line.prefix(width - 1)) + "…" }
        return "…" + String(Array(line).dropFirst(start + 1).prefix(width - 1))
    }
}
