import Foundation

/// Imports the `Host` aliases of an ssh_config, following `Include` as ssh does; patterns (`*`, `?`, `!`) are skipped.
///
/// Each alias becomes a host whose target is the alias itself, so ssh keeps applying the file's settings. The
/// blocks are kept too (`RosterImport.resolution`), so that two aliases of one machine can be told apart.
enum SSHConfigImporter {
    /// How deep `Include` may nest (ssh's own limit) and how many files one import may read in all.
    static let maxIncludeDepth = 16
    static let maxIncludedFiles = 256

    /// Whether `text` reads as an ssh_config: some line starts with the `Host` or `Include` keyword.
    static func looksLikeSSHConfig(_ text: String) -> Bool {
        text.split(whereSeparator: \.isNewline).contains { line in
            let words = keywordAndArguments(line)
            return ["host", "include"].contains(words.first?.lowercased() ?? "") && words.count > 1
        }
    }

    /// Parses `text`, the content of `file`. Relative `Include` paths resolve in `sshDirectory` (`~/.ssh`), `~` to `home`.
    static func parse(_ text: String, file: String, sshDirectory: String, home: String) throws -> RosterImport {
        var state = State(sshDirectory: sshDirectory, home: home)
        try state.read(text, file: file, stack: [canonical(file)])
        var result = RosterImport(format: .sshConfig, hosts: [], rejected: [])
        // An alias named by several Host blocks (common: shared settings, then its own) is one host.
        var seen = Set<String>()
        for alias in state.aliases where seen.insert(alias).inserted { result.offer(Host(name: alias, ssh: alias)) }
        result.resolution = state.resolution
        return result
    }

    /// The resolution of a config file without importing it (the user's own `~/.ssh/config`); nil when unreadable.
    static func resolution(ofFile file: String, sshDirectory: String, home: String) -> SSHConfigResolution? {
        guard let text = try? RosterImport.readBounded(file) else { return nil }
        var state = State(sshDirectory: sshDirectory, home: home)
        guard (try? state.read(text, file: file, stack: [canonical(file)])) != nil else { return nil }
        return state.resolution
    }

    /// The walk through a config and its includes.
    private struct State {
        let sshDirectory: String
        let home: String
        var aliases: [String] = []
        var resolution = SSHConfigResolution()
        var filesRead = 1

        init(sshDirectory: String, home: String) {
            self.sshDirectory = sshDirectory
            self.home = home
        }

        /// Reads one file's lines; `stack` holds the canonical paths of the files being read (the include chain).
        /// Lines before the first `Host` belong to `context`: every host at the top, the including block in an
        /// included file (nil inside a `Match`).
        mutating func read(_ text: String, file: String, stack: [String], context: [String]? = ["*"]) throws {
            var current: Int? = nil
            if let context {
                current = resolution.blocks.count
                resolution.blocks.append(.init(patterns: context))
            }
            for line in text.split(whereSeparator: \.isNewline) {
                let words = keywordAndArguments(line)
                guard let keyword = words.first?.lowercased(), words.count > 1 else { continue }
                switch keyword {
                case "host":
                    current = resolution.blocks.count
                    resolution.blocks.append(.init(patterns: Array(words.dropFirst())))
                    for alias in words.dropFirst() where !alias.contains(where: { "*?!".contains($0) }) { aliases.append(alias) }
                case "match":
                    current = nil
                case "include":
                    let outer = current.map { resolution.blocks[$0].patterns }
                    for pattern in words.dropFirst() {
                        for path in expand(pattern) { try include(path, from: file, stack: stack, context: outer) }
                    }
                    // Lines after the Include still belong to the block it stood in.
                    if let outer {
                        current = resolution.blocks.count
                        resolution.blocks.append(.init(patterns: outer))
                    } else {
                        current = nil
                    }
                default:
                    if let c = current, resolution.blocks[c].settings[keyword] == nil {
                        resolution.blocks[c].settings[keyword] = words[1]
                    }
                }
            }
        }

        mutating func include(_ path: String, from file: String, stack: [String], context: [String]?) throws {
            let real = canonical(path)
            if stack.contains(real) {
                let chain = (stack + [real]).map { ($0 as NSString).lastPathComponent }.joined(separator: " -> ")
                throw HerdError.badFile(file: file, message: "Include cycle: \(chain)")
            }
            if stack.count >= maxIncludeDepth {
                throw HerdError.badFile(file: file, message: "Include nested deeper than \(maxIncludeDepth) files")
            }
            filesRead += 1
            if filesRead > maxIncludedFiles {
                throw HerdError.badFile(file: file, message: "Include reads more than \(maxIncludedFiles) files")
            }
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else { return }
            let text: String
            do { text = try RosterImport.readBounded(path) } catch let error as HerdError {
                throw error
            } catch {
                throw HerdError.badFile(file: path, message: "cannot read (included from \(file))")
            }
            try read(text, file: path, stack: stack + [real], context: context)
        }

        /// The files an Include argument names: `~` is the home directory, a relative path is in ~/.ssh, globs
        /// expand (sorted); a pattern that matches nothing names nothing, as in ssh.
        func expand(_ pattern: String) -> [String] {
            var p = pattern
            if p == "~" || p.hasPrefix("~/") { p = home + p.dropFirst() } else if !p.hasPrefix("/") { p = sshDirectory + "/" + p }
            guard p.contains(where: { "*?[".contains($0) }) else { return [p] }
            var g = glob_t()
            defer { globfree(&g) }
            guard glob(p, 0, nil, &g) == 0 else { return [] }
            return (0..<Int(g.gl_pathc)).compactMap { i in g.gl_pathv[i].map { String(cString: $0) } }
        }
    }

    /// The path with links and `..` resolved, for spotting a file that includes itself.
    static func canonical(_ path: String) -> String {
        guard let r = realpath(path, nil) else { return (path as NSString).standardizingPath }
        defer { free(r) }
        return String(cString: r)
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
