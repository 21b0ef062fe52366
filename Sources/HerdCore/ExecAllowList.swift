import Foundation

/// The commands an agent may run through the MCP `run` tool, from `exec_allow = …` lines of `$HERD_HOME/config`.
///
/// The file holds `key = value` lines; `#` starts a comment; keys other than `exec_allow` belong to other parts of
/// herd and are passed over. `exec_allow` takes a comma-separated list of command prefixes, and may be repeated
/// (the lists add up): `exec_allow = uptime, nvidia-smi, make test`. A command is allowed when its first words
/// are exactly one entry's words (`make test` allows `make test -j4`, not `make install`). Entries are plain
/// words: no quotes and no shell characters. With no entry, nothing is allowed.
public struct ExecAllowList: Sendable, Equatable {
    /// Each entry's words.
    public var entries: [[String]]

    public init(entries: [[String]] = []) { self.entries = entries }

    /// Characters that make a line more than one simple command (or expand to something else) in sh.
    public static let shellCharacters: Set<Character> = [";", "&", "|", "<", ">", "`", "$", "(", ")", "{", "}", "\\", "\"", "'", "*", "?", "[", "]", "~", "#", "!", "\n", "\r"]

    /// Whether `c` is one of `shellCharacters` or a control character (C0, DEL, C1, line separators).
    static func isShellOrControl(_ c: Character) -> Bool {
        shellCharacters.contains(c) || TerminalText.hasControlCharacters(String(c))
    }

    /// Parses the config text of `file` (named in errors as `FILE:LINE: …`).
    public static func parse(_ text: String, file: String) throws -> ExecAllowList {
        var entries: [[String]] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\r")))
            if line.isEmpty || line.hasPrefix("#") { continue }
            let at = "\(file):\(i + 1)"
            guard let eq = line.firstIndex(of: "=") else { throw HerdError.invalidInput("\(at): expected 'key = value'") }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else { throw HerdError.invalidInput("\(at): expected 'key = value' (no key)") }
            guard key == "exec_allow" else { continue }
            for part in line[line.index(after: eq)...].split(separator: ",", omittingEmptySubsequences: false) {
                let entry = part.trimmingCharacters(in: .whitespaces)
                if entry.isEmpty { throw HerdError.invalidInput("\(at): empty exec_allow entry") }
                if let c = entry.first(where: isShellOrControl) {
                    throw HerdError.invalidInput("\(at): exec_allow entry '\(TerminalText.line(entry))' has '\(TerminalText.line(String(c)))': entries are plain words")
                }
                entries.append(Self.words(String(entry)))
            }
        }
        return ExecAllowList(entries: entries)
    }

    /// Whitespace-separated words.
    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { (c: Character) in c == " " || c == "\t" }).map { String($0) }
    }

    /// Why `argv` is not allowed, or nil when an entry allows it.
    public func refusal(argv: [String]) -> String? {
        guard !argv.isEmpty else { return "empty command" }
        if entries.contains(where: { !$0.isEmpty && argv.starts(with: $0) }) { return nil }
        return "'\(TerminalText.line(String(RemoteCommand.shellText(argv).prefix(80))))' is not in the allow-list"
    }

    /// Why `script` is not allowed, or nil when every line of it is a plain command an entry allows (blank lines and
    /// `#` comment lines aside). A line with a shell character is refused whatever it starts with.
    public func refusal(script: String) -> String? {
        let lines = script.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard !lines.isEmpty else { return "empty script" }
        for (i, line) in lines.enumerated() {
            if let c = line.first(where: { ch in ch != "\t" && Self.isShellOrControl(ch) }) {
                return "script line \(i + 1) has '\(TerminalText.line(String(c)))': only plain commands from the allow-list, one per line"
            }
            if let why = refusal(argv: Self.words(String(line))) { return "script line \(i + 1): \(why)" }
        }
        return nil
    }

    /// The entries as the config writes them (for messages): `uptime, make test`.
    public var text: String { entries.map { $0.joined(separator: " ") }.joined(separator: ", ") }
}
