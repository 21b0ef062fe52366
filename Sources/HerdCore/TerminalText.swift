/// Text from a host or a file, made safe for the operator's terminal (see `TerminalFilter` for the rules).
public enum TerminalText {
    /// Mode (a), for table cells and one-line fields: every escape sequence and control removed, tabs and
    /// line breaks turned into spaces, invalid UTF-8 shown as U+FFFD. Clean text comes back unchanged.
    public static func line(_ text: String) -> String {
        guard needsFilter(text) else { return text }
        var filter = TerminalFilter(.line)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        filter.feed(text.utf8, into: &out)
        filter.finish(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Mode (a) for a message of several lines (an error quoting a host's stderr): each line filtered, the
    /// line breaks kept. A carriage return or a control still cannot move the cursor.
    public static func lines(_ text: String) -> String {
        guard needsFilter(text) else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line(String($0)) }.joined(separator: "\n")
    }

    /// Mode (b) over a whole buffer: newlines, tabs and SGR colour kept, every other escape and control dropped.
    public static func stream(_ bytes: [UInt8], keepCarriageReturn: Bool = true) -> [UInt8] {
        var filter = TerminalFilter(.stream(keepCarriageReturn: keepCarriageReturn))
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        filter.feed(bytes, into: &out)
        filter.finish(into: &out)
        return out
    }

    /// Whether `text` holds a character a stored field refuses: a C0 or C1 control (newline and tab
    /// included), DEL, or a Unicode line or paragraph separator.
    public static func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { s in
            s.value < 0x20 || (s.value >= 0x7F && s.value <= 0x9F) || s.value == 0x2028 || s.value == 0x2029
        }
    }

    /// A fast check: only text with a control, a C1 or a U+20xx character needs the filter.
    private static func needsFilter(_ text: String) -> Bool {
        text.utf8.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 || $0 >= 0xF8 || $0 == 0xC0 || $0 == 0xC1 }
    }
}
