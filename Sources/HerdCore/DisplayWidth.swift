import CHerdSys

/// How many terminal columns a character takes: 2 for the wide ones (CJK, most emoji), 1 for most, 0 for a lone
/// combining or zero-width character, -1 for one that cannot be shown (a control character, an unassigned code
/// point). The answer is `wcwidth` of the character's first scalar under a UTF-8 locale of its own (C.UTF-8), the
/// same table ncurses uses to place what herd draws, whatever locale the user runs in; a character's combining
/// scalars add nothing, as in ncurses.
public enum DisplayWidth {
    /// The columns `ch` takes on a terminal.
    public static func of(_ ch: Character) -> Int {
        // The ranges herd draws itself every frame (text, Latin letters, box drawing, bars, braille): one column,
        // ASCII without looking at scalars.
        if ch.utf8.count == 1, let b = ch.utf8.first { return b >= 0x20 && b < 0x7F ? 1 : -1 }
        guard let scalar = ch.unicodeScalars.first else { return 0 }
        let v = scalar.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return -1 }
        if v < 0x300 || (v >= 0x2500 && v < 0x25A0) || (v >= 0x2800 && v < 0x2900) { return 1 }
        let w = herd_wcwidth_utf8(v)
        return w == -2 ? fallback(v) : Int(w)
    }

    /// The columns `ch` takes where it is shown: one that cannot be shown is shown as the one column of a `?`.
    public static func shown(_ ch: Character) -> Int {
        let w = of(ch)
        return w < 0 ? 1 : w
    }

    /// The columns `text` takes (characters that cannot be shown count as the one column of their `?`).
    public static func of(_ text: some Sequence<Character>) -> Int {
        text.reduce(0) { $0 + shown($1) }
    }

    /// The longest start of `text` that takes at most `columns` columns, and the columns it takes.
    public static func prefix(_ text: some Sequence<Character>, columns: Int) -> (text: String, columns: Int) {
        var out = ""
        var used = 0
        for ch in text {
            let take = shown(ch)
            if used + take > columns { break }
            out.append(ch)
            used += take
        }
        return (out, used)
    }

    /// Without a UTF-8 locale: the East Asian wide and fullwidth blocks and the emoji planes are 2, the rest 1.
    static func fallback(_ v: UInt32) -> Int {
        let wide: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
            0x1F900...0x1F9FF, 0x20000...0x3FFFD,
        ]
        return wide.contains { $0.contains(v) } ? 2 : 1
    }
}
