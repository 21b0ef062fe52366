/// POSIX shell quoting: each word becomes one literal argument of `sh -c` on the remote side.
public enum ShellQuote {
    /// `word` as a single-quoted shell word (`'` inside written as `'\''`); bare when it needs no quoting.
    public static func quote(_ word: String) -> String {
        if !word.isEmpty, word.unicodeScalars.allSatisfy(isSafe) { return word }
        return "'" + word.replacingAll("'", with: "'\\''") + "'"
    }

    /// The words quoted and joined by spaces: a command line the remote shell splits back into `words`.
    public static func join(_ words: [String]) -> String {
        words.map(quote).joined(separator: " ")
    }

    private static func isSafe(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || "-_./=:,+@%".unicodeScalars.contains(c)
    }
}

extension String {
    /// This string with every `target` replaced by `replacement`.
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for ch in self { if ch == target { out += replacement } else { out.append(ch) } }
        return out
    }
}
