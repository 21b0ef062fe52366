/// Tab completion in the `:` palette: command names, host names, `@tags` and `all` for targets, job ids, themes
/// and sort fields. Pure: the candidates come in, the completed line and the choices go out.
public struct PaletteCompletion: Equatable, Sendable {
    /// The line after completion (unchanged when nothing matches).
    public let line: String
    /// What the word could still become, when more than one candidate matches (shown to the user).
    public let choices: [String]

    /// What the dashboard knows that a word can be.
    public struct Candidates: Sendable {
        public var hosts: [String]
        public var tags: [String]
        public var jobs: [String]
        public var themes: [String]

        public init(hosts: [String] = [], tags: [String] = [], jobs: [String] = [], themes: [String] = []) {
            self.hosts = hosts
            self.tags = tags
            self.jobs = jobs
            self.themes = themes
        }
    }

    /// Completes the last word of `line` (the cursor is at its end).
    public static func complete(_ line: String, with c: Candidates) -> PaletteCompletion {
        let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let typingNewWord = line.isEmpty || line.hasSuffix(" ")
        let index = typingNewWord ? words.count : words.count - 1
        let word = typingNewWord ? "" : words.last ?? ""
        let command = words.first ?? ""
        // A target list completes its last comma-separated item: `tb01,tb0` → `tb01,tb02`.
        var prefix = "", item = word
        let pool: [String]
        switch (command, index) {
        case (_, 0): pool = PaletteCommand.table.map(\.name)
        case ("on", 1), ("clean", 1):
            if let comma = word.lastIndex(of: ",") {
                prefix = String(word[...comma])
                item = String(word[word.index(after: comma)...])
            }
            pool = ["all"] + c.hosts + c.tags.map { "@" + $0 }
        case ("run", 1): pool = c.hosts
        case ("stop", 1), ("attach", 1), ("logs", 1): pool = c.jobs
        case ("theme", 1): pool = c.themes
        case ("sort", 1): pool = AppState.Sort.allCases.map(\.rawValue)
        case ("sort", 2): pool = ["asc", "desc"]
        default: pool = []
        }
        var seen = Set<String>()
        let matches = pool.filter { $0.hasPrefix(item) && seen.insert($0).inserted }
        guard !matches.isEmpty else { return PaletteCompletion(line: line, choices: []) }
        let head = typingNewWord ? line : String(line.dropLast(word.count))
        if matches.count == 1, let only = matches.first {
            return PaletteCompletion(line: head + prefix + only + " ", choices: [])
        }
        return PaletteCompletion(line: head + prefix + commonPrefix(matches), choices: matches)
    }

    /// The longest prefix every string shares.
    static func commonPrefix(_ strings: [String]) -> String {
        guard var p = strings.first.map(Array.init) else { return "" }
        for s in strings.dropFirst() {
            p = Array(zip(p, s).prefix { $0 == $1 }.map(\.0))
        }
        return String(p)
    }
}
