/// A `:` command of the dashboard's palette (k9s-style), parsed from the typed line.
///
/// The palette only parses: `Reducer.palette` turns a command into the same state changes and effects the keys use.
public enum PaletteCommand: Equatable, Sendable {
    /// `:on TARGETS CMD…`: run a command on the hosts TARGETS names (the CLI's selector syntax).
    case on(targets: String, command: String)
    /// `:clean TARGET`: the clean dry run of one host, or of all shared hosts (`all`), then a confirmation.
    case clean(targets: String)
    /// `:place QUERY`: the placement ranking for a query (`--ram 16G --gpu`, `7b inference`).
    case place(query: String)
    /// `:run HOST CMD…`: start CMD as a detached job on HOST (no sync), as `herd run -d -n HOST -- CMD`.
    case run(host: String, command: String)
    /// `:theme NAME`: switch the colour theme.
    case theme(name: String)
    /// `:stop ID` / `:attach ID` / `:logs ID`: a job by id prefix.
    case stop(job: String), attach(job: String), logs(job: String)
    /// `:sort FIELD [asc|desc]`: `descending` nil keeps the field's natural order (names ▲, figures ▼).
    case sort(AppState.Sort, descending: Bool?)
    /// `:q`, `:quit`.
    case quit

    /// One command of the table: its name, what it takes, and what it does (the help and completion come from here).
    public struct Entry: Sendable {
        public let name: String
        public let usage: String
        public let help: String
    }

    /// The palette's commands, in the order help lists them.
    public static let table: [Entry] = [
        Entry(name: "on", usage: ":on TARGETS CMD", help: "run CMD on TARGETS (tb01,tb02  tb[01-08]  @gpu  all)"),
        Entry(name: "clean", usage: ":clean HOST|all", help: "clean a host or all (dry run first, then confirm)"),
        Entry(name: "place", usage: ":place QUERY", help: "rank hosts for a query, e.g. --ram 16G --gpu"),
        Entry(name: "run", usage: ":run HOST CMD", help: "start CMD as a detached job on HOST (no sync)"),
        Entry(name: "theme", usage: ":theme NAME", help: "switch the colour theme"),
        Entry(name: "stop", usage: ":stop JOB", help: "stop a job (asks first)"),
        Entry(name: "attach", usage: ":attach JOB", help: "attach to a job"),
        Entry(name: "logs", usage: ":logs JOB", help: "follow a job's log"),
        Entry(name: "sort", usage: ":sort FIELD [asc|desc]", help: "sort hosts by name, load, ram, disk, gpu or status"),
        Entry(name: "q", usage: ":q", help: "quit"),
    ]

    /// Parses a palette line (without the `:`); the error is one line saying what is wrong.
    public static func parse(_ line: String) -> Result<PaletteCommand, PaletteError> {
        let trimmed = line.drop { $0 == " " || $0 == ":" }
        let (name, rest) = split(trimmed)
        let (arg, tail) = split(rest)
        func need(_ what: String) -> Result<PaletteCommand, PaletteError> { .failure(PaletteError(":\(name) needs \(what)")) }
        switch name {
        case "":
            return .failure(PaletteError("type a command: " + table.map(\.name).joined(separator: " ")))
        case "on":
            guard !arg.isEmpty else { return need("TARGETS and a command") }
            guard !tail.isEmpty else { return need("a command after \(arg)") }
            return .success(.on(targets: arg, command: tail))
        case "clean":
            guard !arg.isEmpty, tail.isEmpty else { return need("one HOST or all") }
            return .success(.clean(targets: arg))
        case "place":
            guard !rest.isEmpty else { return need("a query, e.g. --ram 16G --gpu") }
            return .success(.place(query: rest))
        case "run":
            guard !arg.isEmpty else { return need("HOST and a command") }
            guard !tail.isEmpty else { return need("a command after \(arg)") }
            return .success(.run(host: arg, command: tail))
        case "theme":
            guard !arg.isEmpty, tail.isEmpty else { return need("one theme NAME") }
            return .success(.theme(name: arg))
        case "stop", "attach", "logs":
            guard !arg.isEmpty, tail.isEmpty else { return need("one job id") }
            return .success(name == "stop" ? .stop(job: arg) : name == "attach" ? .attach(job: arg) : .logs(job: arg))
        case "sort":
            guard let field = AppState.Sort(rawValue: arg) else {
                return need("a field: " + AppState.Sort.allCases.map(\.rawValue).joined(separator: ", "))
            }
            switch tail {
            case "": return .success(.sort(field, descending: nil))
            case "asc": return .success(.sort(field, descending: false))
            case "desc": return .success(.sort(field, descending: true))
            default: return need("asc or desc after the field, not '\(tail)'")
            }
        case "q", "quit", "q!", "quit!":
            return .success(.quit)
        default:
            let hint = table.map(\.name).first { $0.hasPrefix(name) }.map { " (did you mean :\($0)?)" } ?? ""
            return .failure(PaletteError("unknown command ':\(name.prefix(40))'\(hint); commands: " + table.map(\.name).joined(separator: " ")))
        }
    }

    /// The first word and the rest, both trimmed.
    static func split<S: StringProtocol>(_ s: S) -> (String, String) {
        let t = s.drop { $0 == " " }
        guard let space = t.firstIndex(of: " ") else { return (String(t), "") }
        let rest = t[space...].drop { $0 == " " }
        var tail = String(rest)
        while tail.hasSuffix(" ") { tail.removeLast() }
        return (String(t[..<space]), tail)
    }
}

/// Why a palette line is not a command, as one line.
public struct PaletteError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
