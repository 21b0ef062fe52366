/// Turns the sectioned text of a probe (`@@name` headers, see the agent script) into a `HostUsage`,
/// collecting a reason for every part that is missing or does not parse. Never throws, never traps: every figure
/// is checked against its `Plausible` range, and one that is out of range is left nil with a reason naming it.
public enum ProbeParser {
    /// The result of parsing one probe's output.
    public struct Result: Sendable, Equatable {
        public var usage: HostUsage
        /// One line per part that failed ("meminfo: missing MemTotal").
        public var problems: [String]
    }

    /// The part of a probe the agent prints unchanged for the life of its session (uname, nproc, tools, CPU model,
    /// addresses, start-up steps that timed out: everything before `@@loadavg` or `@@sysctl`), with its parse.
    /// `parse(_:reusing:)` keeps one per host and parses that part again only when its bytes change: parsed every
    /// second for every host, it was 8% of a daemon's CPU.
    public struct StaticPart: Sendable, Equatable {
        /// The part's lines, as the agent sent them.
        var lines: [String]
        /// The figures it gives (the others nil).
        var usage: HostUsage
        /// Its problems, in the order a whole parse reports them.
        var problems: [String]
        /// Its `@@timeout` header lines.
        var timeouts: [Substring]
        /// Whether it had any `@@name` section.
        var hasSections: Bool
    }

    /// Splits `text` into sections keyed by their `@@name` header; text before the first header is dropped.
    public static func sections(_ text: String) -> [String: [Substring]] {
        scan(lines(text[...])[...]).sections
    }

    /// `text` split on the newline byte (not on grapheme clusters), each line its own String: Character operations
    /// on a Substring cut out of the UTF-8 view take Swift's slow path (rounding indices to characters), measured as
    /// the parsers' largest cost.
    static func lines(_ text: Substring) -> [String] {
        text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    }

    /// One pass over `lines` (a trailing `\r` is dropped): their sections, and the `@@timeout …` header lines.
    static func scan(_ lines: ArraySlice<String>) -> (sections: [String: [Substring]], timeouts: [Substring]) {
        var out: [String: [Substring]] = [:]
        var timeouts: [Substring] = []
        var current: String?
        for whole in lines {
            let line = Substring(whole)
            let l = line.utf8.last == 0x0D ? line.dropLast() : line
            if l.utf8.starts(with: [0x40, 0x40]) {
                let name = String(l.dropFirst(2).split(separator: " ").first ?? "")
                if name == "timeout" { timeouts.append(l) }
                current = name
                if out[name] == nil { out[name] = [] }
            } else if let c = current, !l.isEmpty {
                out[c, default: []].append(l)
            }
        }
        return (out, timeouts)
    }

    /// Where the part that changes between probes starts: the first line that begins `@@loadavg` (Linux) or
    /// `@@sysctl` (macOS); the end of `lines` when there is none.
    static func changingPartStart(_ lines: [String]) -> Int {
        lines.firstIndex { $0.utf8.starts(with: "@@loadavg".utf8) || $0.utf8.starts(with: "@@sysctl".utf8) } ?? lines.endIndex
    }

    /// Parses a whole probe output.
    public static func parse(_ text: String) -> Result {
        var none: StaticPart?
        return parse(text, reusing: &none)
    }

    /// Parses a whole probe output, reusing `memo`'s parse of the unchanging part when it is the same (and leaving
    /// the new one there otherwise). The result is the same as without a memo.
    public static func parse(_ text: String, reusing memo: inout StaticPart?) -> Result {
        var result = parse(lines: lines(text[...]), reusing: &memo)
        if text.isEmpty { result.problems = ["empty probe output"] }
        return result
    }

    /// Parses a probe given as its lines (a session's answer), as `parse(_:reusing:)` parses the text they make.
    public static func parse(lines: [String], reusing memo: inout StaticPart?) -> Result {
        let split = changingPartStart(lines)
        var fixed: StaticPart
        if let m = memo, m.lines.elementsEqual(lines[..<split]) {
            fixed = m
        } else {
            let (head, headTimeouts) = scan(lines[..<split])
            fixed = staticPart(head, timeouts: headTimeouts, lines: Array(lines[..<split]))
            memo = fixed
        }
        var (s, timeouts) = scan(lines[split...])
        if !staticSections.isDisjoint(with: s.keys) {
            // Out of the agent's order (a crafted or mangled probe): the whole text is one part, as it always was.
            let (all, allTimeouts) = scan(lines[...])
            fixed = staticPart(all, timeouts: allTimeouts, lines: [])
            (s, timeouts) = (all, [])
        }
        var usage = fixed.usage
        var problems: [String] = []
        if s.isEmpty && !fixed.hasSections {
            return Result(usage: HostUsage(), problems: [lines.isEmpty ? "empty probe output" : "unrecognised probe output"])
        }
        if s["end"] == nil { problems.append("probe output truncated") }
        problems += fixed.problems
        if let psi = s["psi"]?.first {
            if let p = Facts.memoryPressure(fromPSI: String(psi)) {
                usage.memPressure = Plausible.within(p, Plausible.percent)
                if usage.memPressure == nil { problems.append("psi: avg10 out of range") }
            }
        }
        if usage.os == "macos" {
            parseMac(s, into: &usage, problems: &problems)
        } else {
            parseLinux(s, into: &usage, problems: &problems)
        }
        if let df = s["df"] {
            let d = DFParser.parse(df)
            usage.disk = d.disks.first { $0.mount == "/" } ?? d.disks.first
            let listed = HostDetailsParser.disks(d.disks)
            usage.disks = listed.isEmpty ? nil : listed
            problems += d.problems.map { "df: \($0)" }
        } else {
            problems.append("df: missing")
        }
        if let gpu = s["gpu"], !gpu.isEmpty {
            switch NvidiaSMIParser.parse(gpu) {
            case .success(let g):
                usage.gpus = g.gpus
                problems += g.problems.map { "nvidia-smi: \($0)" }
            case .failure(let e): problems.append("nvidia-smi: \(e.reason)")
            }
        }
        applyTimeouts(timedOutSteps(fixed.timeouts + timeouts), to: &usage, problems: &problems)
        return Result(usage: usage, problems: problems)
    }

    /// The sections of the unchanging part.
    static let staticSections: Set<String> = ["uname", "nproc", "tools", "cpu", "ipaddr", "hostaddr", "ifconfig"]

    /// The unchanging part's figures and problems (uname, nproc, tools, CPU model, addresses) from its sections.
    static func staticPart(_ s: [String: [Substring]], timeouts: [Substring], lines: [String]) -> StaticPart {
        var usage = HostUsage()
        var problems: [String] = []
        if let u = s["uname"]?.first {
            let f = u.split(separator: " ")
            if f.count >= 3, f.prefix(3).allSatisfy({ $0.count <= Plausible.nameLength }) {
                usage.os = f[0] == "Darwin" ? "macos" : f[0].lowercased()
                usage.kernel = String(f[1])
                usage.arch = String(f[2])
            } else {
                problems.append("uname: unexpected '\(u.prefix(40))'")
            }
        } else {
            problems.append("uname: missing")
        }
        if let n = s["nproc"]?.first {
            switch Plausible.integer(n, in: Plausible.cpus) {
            case .value(let c): usage.cpus = c
            case .outOfRange: problems.append("nproc: out of range")
            case .notANumber: problems.append("nproc: not a number")
            }
        }
        if let t = s["tools"] {
            // Only the tools herd asks about: a host cannot grow the list (or placement's matching) at will.
            usage.tools = t.flatMap { $0.split(separator: " ").map(String.init) }.filter(Facts.toolNames.contains)
        }
        if let cpu = s["cpu"] { usage.cpuModel = HostDetailsParser.cpuModel(cpu) }
        if let ip = s["ipaddr"] { usage.addresses = HostDetailsParser.ipAddresses(ip) }
        if let host = s["hostaddr"] { usage.addresses = HostDetailsParser.hostAddresses(host) }
        if let ifc = s["ifconfig"] { usage.addresses = HostDetailsParser.ifconfigAddresses(ifc) }
        return StaticPart(lines: lines, usage: usage, problems: problems, timeouts: timeouts, hasSections: !s.isEmpty)
    }

    /// The steps of the agent's `@@timeout STEP SECONDS` header lines (a step it had to kill), in order; malformed
    /// ones are ignored.
    static func timedOutSteps(_ lines: [Substring]) -> [(step: String, seconds: Int)] {
        var out: [(step: String, seconds: Int)] = []
        for line in lines where line.hasPrefix("@@timeout ") {
            let f = line.split(separator: " ")
            guard f.count == 3, let secs = Int(f[2]), (0...3600).contains(secs), f[1].count <= 20,
                  f[1].allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-" || $0 == "_") }),
                  !out.contains(where: { $0.step == f[1] }) else { continue }
            out.append((String(f[1]), secs))
        }
        return out
    }

    /// A timed-out step replaces that step's other problems with "STEP: timed out after Ns", and what it may have
    /// printed before it was killed (a part of the disks or GPUs) is dropped rather than shown as the whole.
    private static func applyTimeouts(_ steps: [(step: String, seconds: Int)], to usage: inout HostUsage, problems: inout [String]) {
        for t in steps {
            problems.removeAll { $0.hasPrefix(t.step + ":") || $0.hasPrefix(t.step + " ") }
            problems.append("\(t.step): timed out after \(t.seconds)s")
            if t.step == "df" { usage.disk = nil; usage.disks = nil }
            if t.step == "nvidia-smi" { usage.gpus = [] }
        }
    }

    private static func parseLinux(_ s: [String: [Substring]], into usage: inout HostUsage, problems: inout [String]) {
        if let l = s["loadavg"]?.first {
            switch LoadAvgParser.parseProc(l) {
            case .success(let v): usage.load = v
            case .failure(let e): problems.append("loadavg: \(e.reason)")
            }
        } else {
            problems.append("loadavg: missing")
        }
        if let m = s["meminfo"] {
            let mem = MemInfoParser.parse(m)
            usage.memTotal = mem.total
            usage.memAvailable = mem.available
            problems += mem.problems.map { "meminfo: \($0)" }
        } else {
            problems.append("meminfo: missing")
        }
        if let stat = s["stat"] {
            switch CPUStatParser.percent(stat) {
            case .success(let p): usage.cpuPercent = p
            case .failure(let e): problems.append("stat: \(e.reason)")
            }
        }
    }

    private static func parseMac(_ s: [String: [Substring]], into usage: inout HostUsage, problems: inout [String]) {
        guard let sys = s["sysctl"], sys.count >= 3 else {
            problems.append("sysctl: missing or short")
            return
        }
        switch LoadAvgParser.parseSysctl(sys[0]) {
        case .success(let v): usage.load = v
        case .failure(let e): problems.append("sysctl vm.loadavg: \(e.reason)")
        }
        switch Plausible.bytes(sys[1], in: Plausible.memoryBytes) {
        case .value(let mem) where mem > 0: usage.memTotal = mem
        case .notANumber: problems.append("sysctl hw.memsize: not a number")
        default: problems.append("sysctl hw.memsize: out of range")
        }
        if usage.cpus == nil {
            switch Plausible.integer(sys[2], in: Plausible.cpus) {
            case .value(let n): usage.cpus = n
            case .outOfRange: problems.append("sysctl hw.ncpu: out of range")
            case .notANumber: break
            }
        }
        if let vm = s["vmstat"], let total = usage.memTotal {
            switch VMStatParser.parse(vm) {
            case .success(let stats):
                if let a = stats.availableBytes { usage.memAvailable = min(total, a) } else { problems.append("vm_stat: available memory out of range") }
            case .failure(let e): problems.append("vm_stat: \(e.reason)")
            }
        } else if s["vmstat"] != nil {
            // hw.memsize was not usable: already reported.
        } else {
            problems.append("vm_stat: missing")
        }
    }
}

/// A parse failure of one probe part, with a short reason.
public struct ParseFailure: Error, Equatable, Sendable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}
