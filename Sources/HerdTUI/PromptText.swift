/// How a prompt's line is drawn: the text with a bar at the cursor.
enum PromptText {
    /// "ab▏cd" for the cursor between b and c. The cursor is the editor's when the editor holds `text`, else at the end.
    static func withCursor(_ text: String, _ e: LineEditor) -> String {
        let chars = Array(text)
        let c = e.text == text ? min(max(0, e.cursor), chars.count) : chars.count
        return String(chars[..<c]) + "▏" + String(chars[c...])
    }
}
