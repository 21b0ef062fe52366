/// Picks hosts from the roster by an expression: `name`, `a,b,c`, ranges `tb[01-32]` / `node[1-3,7]`,
/// `@tag`, or `all`, minus `--exclude` expressions of the same syntax.
///
/// `all` and `@tag` take shared hosts only; a dedicated host is taken when it is named (directly or by a range).
/// Unknown names are errors with a suggestion, so a typo never silently targets fewer hosts.
public struct TargetSelector: Sendable, Equatable {
    /// One comma-separated term of an expression.
    public enum Term: Sendable, Equatable {
        /// Every host, dedicated ones too (what a listing shows when no TARGETS are given; not written in text).
        case every
        case all
        case tag(String)
        case name(String)
    }

    /// The terms to include.
    public var include: [Term]
    /// The terms to exclude.
    public var exclude: [Term]
    /// The largest number of names one range may expand to.
    public static let maxExpansion = 10_000

    /// Parses `expression` and the `exclude` expressions; throws `HerdError.invalidInput` on a syntax error.
    public init(_ expression: String, exclude: [String] = []) throws {
        include = try Self.parse(expression)
        self.exclude = try exclude.flatMap { try Self.parse($0) }
        if include.isEmpty { throw HerdError.invalidInput("empty host selection") }
    }

    /// Every host except those the `exclude` expressions name.
    public static func every(exclude: [String] = []) throws -> TargetSelector {
        var s = try TargetSelector("all", exclude: exclude)
        s.include = [.every]
        return s
    }

    /// The selected hosts of `hosts`, in roster order; throws for unknown names or an empty result.
    public func resolve(in hosts: [Host]) throws -> [Host] {
        let included = try Self.match(include, in: hosts, sharedOnly: true)
        let excluded = try Self.match(exclude, in: hosts, sharedOnly: false)
        let result = hosts.filter { included.contains($0.name) && !excluded.contains($0.name) }
        if result.isEmpty {
            throw HerdError.invalidInput("no hosts match '\(Self.render(include))'"
                + (include.contains(.all) || include.contains(where: { if case .tag = $0 { true } else { false } })
                    ? " (dedicated hosts are only taken when named)" : ""))
        }
        return result
    }

    /// The one host the expression picks, for commands that act on one host (`run`, `reserve`, `host desc`…):
    /// an expression matching several is refused with the matches listed, never narrowed to the first.
    public static func single(_ expression: String, in hosts: [Host]) throws -> Host {
        let matches = try TargetSelector(expression).resolve(in: hosts)
        guard matches.count == 1, let host = matches.first else {
            throw severalError(expression, matches.map(\.name))
        }
        return host
    }

    /// The error for a single-host command given `expression`, which matches `names`.
    static func severalError(_ expression: String, _ names: [String]) -> HerdError {
        let shown = names.prefix(8).joined(separator: ", ") + (names.count > 8 ? ", …" : "")
        return HerdError.invalidInput("'\(expression)' matches \(names.count) hosts (\(shown)); this command takes one host")
    }

    /// The names `terms` pick; with `sharedOnly`, `all` and `@tag` leave dedicated hosts out (an exclusion takes them).
    private static func match(_ terms: [Term], in hosts: [Host], sharedOnly: Bool) throws -> Set<String> {
        var names = Set<String>()
        let known = Set(hosts.map(\.name))
        for term in terms {
            switch term {
            case .every:
                names.formUnion(known)
            case .all:
                names.formUnion(hosts.filter { $0.shared || !sharedOnly }.map(\.name))
            case .tag(let tag):
                if !hosts.contains(where: { $0.tags.contains(tag) }) {
                    let allTags = Array(Set(hosts.flatMap(\.tags))).sorted()
                    let hint = Suggestion.closest(to: tag, in: allTags).map { " (did you mean @\($0)?)" } ?? ""
                    throw HerdError.invalidInput("no host has tag '\(tag)'\(hint)")
                }
                names.formUnion(hosts.filter { ($0.shared || !sharedOnly) && $0.tags.contains(tag) }.map(\.name))
            case .name(let name):
                guard known.contains(name) else {
                    throw HerdError.unknownHost(name, suggestion: Suggestion.closest(to: name, in: hosts.map(\.name)))
                }
                names.insert(name)
            }
        }
        return names
    }

    /// Splits `expression` into terms, expanding bracket ranges into names.
    public static func parse(_ expression: String) throws -> [Term] {
        var terms: [Term] = []
        for item in try splitTopLevel(expression) {
            if item == "all" {
                terms.append(.all)
            } else if item.hasPrefix("@") {
                let tag = String(item.dropFirst())
                try Roster.validateTag(tag)
                terms.append(.tag(tag))
            } else {
                for name in try expand(item) {
                    try HostName.validate(name)
                    terms.append(.name(name))
                }
            }
        }
        return terms
    }

    /// Splits on commas that are not inside brackets; refuses empty items and unbalanced brackets.
    static func splitTopLevel(_ s: String) throws -> [String] {
        var items: [String] = [], cur = "", depth = 0
        for ch in s {
            switch ch {
            case "[": depth += 1; cur.append(ch)
            case "]":
                depth -= 1
                if depth < 0 { throw HerdError.invalidInput("unbalanced ']' in '\(s)'") }
                cur.append(ch)
            case "," where depth == 0:
                items.append(cur); cur = ""
            default: cur.append(ch)
            }
        }
        if depth != 0 { throw HerdError.invalidInput("unclosed '[' in '\(s)'") }
        items.append(cur)
        let trimmed = items.map { $0.trimmingSpaces() }
        if trimmed.contains(where: \.isEmpty) { throw HerdError.invalidInput("empty name in host selection '\(s)'") }
        return trimmed
    }

    /// Expands the first bracket group of `item` (`tb[01-03,7]` → tb01 tb02 tb03 tb7), recursively for more groups.
    static func expand(_ item: String) throws -> [String] {
        guard let open = item.firstIndex(of: "[") else { return [item] }
        guard let close = item[open...].firstIndex(of: "]") else {
            throw HerdError.invalidInput("unclosed '[' in '\(item)'")
        }
        let prefix = String(item[..<open])
        let suffix = String(item[item.index(after: close)...])
        let body = item[item.index(after: open)..<close]
        if body.isEmpty { throw HerdError.invalidInput("empty range '[]' in '\(item)'") }
        var out: [String] = []
        for part in body.split(separator: ",", omittingEmptySubsequences: false) {
            for n in try numbers(in: part, of: item) {
                for rest in try expand(prefix + n + suffix) { out.append(rest) }
                if out.count > maxExpansion {
                    throw HerdError.invalidInput("range '\(item)' expands to more than \(maxExpansion) names")
                }
            }
        }
        return out
    }

    private static func numbers(in part: Substring, of item: String) throws -> [String] {
        let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(bounds.count), bounds.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else {
            throw HerdError.invalidInput("bad range '\(part)' in '\(item)' (expected N or N-M)")
        }
        if bounds.count == 1 { return [String(bounds[0])] }
        guard let lo = Int(bounds[0]), let hi = Int(bounds[1]), lo <= hi else {
            throw HerdError.invalidInput("bad range '\(part)' in '\(item)' (start after end)")
        }
        if hi - lo >= maxExpansion {
            throw HerdError.invalidInput("range '\(item)' expands to more than \(maxExpansion) names")
        }
        let width = bounds[0].count
        return (lo...hi).map { n in
            let s = String(n)
            return s.count < width ? String(repeating: "0", count: width - s.count) + s : s
        }
    }

    private static func render(_ terms: [Term]) -> String {
        terms.map { t in
            switch t {
            case .every: return "every host"
            case .all: return "all"
            case .tag(let x): return "@\(x)"
            case .name(let n): return n
            }
        }.joined(separator: ",")
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension String {
    /// This string without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
