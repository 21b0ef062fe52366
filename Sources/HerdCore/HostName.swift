/// Rules for roster host names: safe in shells, file names, tmux session names and selectors.
public enum HostName {
    /// The longest accepted name.
    public static let maxLength = 64

    /// Throws `HerdError.invalidInput` naming the problem when `name` is not a valid host name.
    ///
    /// Valid: 1–64 characters of ASCII letters, digits, `.`, `_`, `-`, starting with a letter or digit.
    public static func validate(_ name: String) throws {
        if name.isEmpty { throw HerdError.invalidInput("host name is empty") }
        if name.count > maxLength {
            throw HerdError.invalidInput("host name '\(name.prefix(20))…' is \(name.count) characters; at most \(maxLength)")
        }
        for ch in name.unicodeScalars where !isAllowed(ch) {
            throw HerdError.invalidInput("host name '\(name)' contains \(describe(ch)); use letters, digits, '.', '_' or '-'")
        }
        if let first = name.unicodeScalars.first, !isAlphanumeric(first) {
            throw HerdError.invalidInput("host name '\(name)' must start with a letter or digit")
        }
    }

    /// Whether `name` passes `validate`.
    public static func isValid(_ name: String) -> Bool { (try? validate(name)) != nil }

    private static func isAlphanumeric(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c)
    }

    private static func isAllowed(_ c: Unicode.Scalar) -> Bool {
        isAlphanumeric(c) || c == "." || c == "_" || c == "-"
    }

    private static func describe(_ c: Unicode.Scalar) -> String {
        switch c {
        case " ": return "a space"
        case "\t": return "a tab"
        case "\n": return "a newline"
        default: return c.isASCII && c.value >= 0x20 ? "'\(Character(c))'" : "U+\(String(c.value, radix: 16, uppercase: true))"
        }
    }
}
