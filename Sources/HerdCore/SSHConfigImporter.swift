/// Imports the `Host` aliases of an ssh_config; patterns (`*`, `?`, `!`) are skipped.
///
/// Each alias becomes a host whose target is the alias itself, so ssh keeps applying the file's settings.
enum SSHConfigImporter {
    /// Whether `text` reads as an ssh_config: some line starts with the `Host` keyword.
    static func looksLikeSSHConfig(_ text: String) -> Bool {
        text.split(whereSeparator: \.isNewline).contains { line in
            let words = keywordAndArguments(line)
            return words.first?.lowercased() == "host" && words.count > 1
        }
    }

    static func parse(_ text: String) -> RosterImport {
        var result = RosterImport(format: .sshConfig, hosts: [], rejected: [])
        for line in text.split(whereSeparator: \.isNewline) {
            let words = keywordAndArguments(line)
            guard words.first?.lowercased() == "host" else { continue }
            for alias in words.dropFirst() {
                if alias.contains(where: { "*?!".contains($0) }) { continue }
                result.offer(Host(name: alias, ssh: alias))
            }
        }
        return result
    }

    /// A config line split into keyword and arguments (`Key value`, `Key=value`, quoted arguments), comments dropped.
    static func keywordAndArguments(_ line: Substring) -> [String] {
        var words: [String] = [], cur = "", quoted = false, started = false
        for ch in line {
            if ch == "#" && !quoted && cur.isEmpty { break }
            if ch == "\"" { quoted.toggle(); started = true; continue }
            if !quoted && (ch == " " || ch == "\t" || (ch == "=" && words.isEmpty)) {
                if started { words.append(cur); cur = ""; started = false }
                continue
            }
            cur.append(ch); started = true
        }
        if started { words.append(cur) }
        return words
    }
}
