import Foundation

/// The compact, stable plain-text block about the cluster that `herd context`, `herd chat` and the MCP `context`
/// tool give a model: where the figures come from, hosts with status, free RAM and GPUs, load, reservations,
/// running jobs and, for a query, the placement answer with its reasons. Bounded whatever the cluster's size: at
/// most `limits.hosts` host lines (the best fits or the most free RAM first), counts by status for the rest, and
/// every line cut at `limits.lineWidth`. Text from hosts and jobs goes through `TerminalText.line`.
public struct ClusterContext: Sendable {
    /// The figures the block is made of.
    public var snapshot: Snapshot
    public var reservations: [Reservation]
    public var jobs: [Job]
    public var placement: PlacementAnswer?
    public var source: ContextSource
    public var limits: Limits

    /// How much of each section is shown.
    public struct Limits: Sendable, Equatable {
        public var hosts: Int
        public var jobs: Int
        public var reservations: Int
        public var candidates: Int
        public var lineWidth: Int

        public init(hosts: Int = 16, jobs: Int = 8, reservations: Int = 8, candidates: Int = 5, lineWidth: Int = 160) {
            self.hosts = hosts
            self.jobs = jobs
            self.reservations = reservations
            self.candidates = candidates
            self.lineWidth = lineWidth
        }
    }

    public init(
        snapshot: Snapshot, reservations: [Reservation], jobs: [Job], placement: PlacementAnswer? = nil,
        source: ContextSource, limits: Limits = Limits()
    ) {
        self.snapshot = snapshot
        self.reservations = reservations
        self.jobs = jobs
        self.placement = placement
        self.source = source
        self.limits = limits
    }

    /// The block, lines ending in `\n`.
    public func render(now: Date) -> String {
        var lines: [String] = []
        let states = snapshot.hosts
        let counts = Self.statusCounts(states)
        let up = states.filter(\.status.isUp).count
        lines.append("herd cluster: \(states.count) host\(states.count == 1 ? "" : "s"), \(up) up"
            + (counts.isEmpty ? "" : " (" + counts.map { "\($0.0) \($0.1)" }.joined(separator: ", ") + ")"))
        lines.append("Source: " + source.describe(now: now))
        lines += hostSection(now: now)
        lines += reservationSection(now: now)
        lines += jobSection(now: now)
        if let placement { lines += placement.render(limit: limits.candidates) }
        return lines.map { Self.cut($0, limits.lineWidth) + "\n" }.joined()
    }

    /// Status name → host count, in a fixed order, zero counts left out.
    static func statusCounts(_ states: [HostState]) -> [(String, Int)] {
        let order: [HostStatus] = [.complete, .partial, .unreachable, .error, .pending]
        return order.compactMap { s in
            let n = states.filter { $0.status == s }.count
            return n > 0 ? (s.rawValue, n) : nil
        }
    }

    private func hostSection(now: Date) -> [String] {
        let reserved = Dictionary(grouping: reservations, by: \.host)
        let ordered = orderedHosts()
        let shown = ordered.prefix(limits.hosts)
        var lines = ["Hosts (" + (shown.count < ordered.count ? "\(shown.count) of \(ordered.count) shown" : "\(ordered.count)") + "):"]
        for s in shown { lines.append("  " + Self.hostLine(s, reserved: reserved[s.host.name] ?? [], now: now)) }
        let rest = ordered.dropFirst(limits.hosts)
        if !rest.isEmpty {
            let restCounts = Self.statusCounts(Array(rest)).map { "\($0.0) \($0.1)" }.joined(separator: ", ")
            lines.append("  … \(rest.count) more: \(restCounts)")
            let down = rest.filter { !$0.status.isUp }.map(\.host.name)
            if !down.isEmpty { lines.append("  not answering: " + HostRange.fold(down)) }
        }
        return lines
    }

    /// Hosts in the order the block shows them: the placement's ranking when there is one, else hosts that answer
    /// by most free RAM, then the others by name.
    func orderedHosts() -> [HostState] {
        if let placement {
            let rank = Dictionary(placement.candidates.enumerated().map { ($1.host, $0) }, uniquingKeysWith: { a, _ in a })
            return snapshot.hosts.sorted { (rank[$0.host.name] ?? Int.max, $0.host.name) < (rank[$1.host.name] ?? Int.max, $1.host.name) }
        }
        return snapshot.hosts.sorted { a, b in
            if a.status.isUp != b.status.isUp { return a.status.isUp }
            let fa = a.usage?.memAvailable ?? 0, fb = b.usage?.memAvailable ?? 0
            return fa != fb ? fa > fb : a.host.name < b.host.name
        }
    }

    /// `gpu1 complete ram 12G free/31G load 0.52/8 gpus 1/2 idle [0: 3% 1.2G/24G; 1: 95% 20G/24G] reserved 4G`
    static func hostLine(_ s: HostState, reserved: [Reservation], now: Date) -> String {
        var parts = [s.host.name, s.status.rawValue]
        if s.host.dedicated { parts.append("[ded]") }
        if let u = s.usage {
            if let a = u.memAvailable, let t = u.memTotal { parts.append("ram \(UsageFormat.bytes(a)) free/\(UsageFormat.bytes(t))") }
            if let l = u.load1 { parts.append("load \(UsageFormat.load(l))/\(u.cpus.map { String($0) } ?? "?")") }
            if !u.gpus.isEmpty {
                let idle = u.gpus.filter { Placement.isFree($0, memory: Placement.defaultGPUMemory) }.count
                let each = u.gpus.prefix(4).map { g in
                    "\(g.index): \(g.utilization.map { "\(Saturating.rounded($0))%" } ?? "?") \(UsageFormat.usedOfTotal(g.memUsed, g.memTotal))"
                }
                parts.append("gpus \(idle)/\(u.gpus.count) idle [" + each.joined(separator: "; ") + (u.gpus.count > 4 ? "; …" : "") + "]")
            } else {
                parts.append("no gpu")
            }
        }
        if !s.status.isUp {
            parts.append("(" + TerminalText.line(String((s.reasons.first ?? "no answer").prefix(80)))
                + (s.lastSeen.map { ", last seen \(UsageFormat.age(max(0, now.timeIntervalSince($0)))) ago" } ?? "") + ")")
        } else if s.status == .partial, let r = s.reasons.first {
            parts.append("(" + TerminalText.line(String(r.prefix(60))) + ")")
        }
        let ram = reserved.reduce(UInt64(0)) { Saturating.add($0, $1.ram) }, gpus = reserved.reduce(0) { Saturating.add($0, $1.gpus) }
        if ram > 0 || gpus > 0 {
            parts.append("reserved " + [ram > 0 ? UsageFormat.bytes(ram) : nil, gpus > 0 ? "\(gpus) gpu" : nil].compactMap { $0 }.joined(separator: "+"))
        }
        return parts.joined(separator: " ")
    }

    private func reservationSection(now: Date) -> [String] {
        guard !reservations.isEmpty else { return ["Reservations: none"] }
        let sorted = reservations.sorted { ($0.host, $0.id) < ($1.host, $1.id) }
        var lines = ["Reservations (\(reservations.count)):"]
        for r in sorted.prefix(limits.reservations) {
            let what = [r.ram > 0 ? "\(UsageFormat.bytes(r.ram)) ram" : nil, r.gpus > 0 ? "\(r.gpus) gpu" : nil].compactMap { $0 }
            let until = r.expiresAt.map { "expires in \(UsageFormat.age(max(0, $0.timeIntervalSince(now))))" } ?? "until its job ends"
            lines.append("  \(r.id.prefix(8)) \(r.host) \(what.isEmpty ? "nothing" : what.joined(separator: " ")), \(until)"
                + (r.note.isEmpty ? "" : " (" + TerminalText.line(String(r.note.prefix(40))) + ")"))
        }
        if sorted.count > limits.reservations { lines.append("  … \(sorted.count - limits.reservations) more") }
        return lines
    }

    private func jobSection(now: Date) -> [String] {
        let live = jobs.filter(\.status.isLive).sorted { ($0.startedAt, $0.id) > ($1.startedAt, $1.id) }
        guard !live.isEmpty else { return ["Running jobs: none"] }
        var lines = ["Running jobs (\(live.count)):"]
        for j in live.prefix(limits.jobs) {
            let cmd = TerminalText.line(String(RemoteCommand.shellText(j.command).prefix(60)))
            lines.append("  \(j.shortID) \(j.host) \(TerminalText.line(String(j.statusText.prefix(60)))) "
                + "for \(UsageFormat.age(max(0, now.timeIntervalSince(j.startedAt)))): \(cmd)")
        }
        if live.count > limits.jobs {
            let byHost = Dictionary(grouping: live.dropFirst(limits.jobs), by: \.host).map { "\($0.key) \($0.value.count)" }.sorted()
            lines.append("  … \(live.count - limits.jobs) more: " + byHost.joined(separator: ", "))
        }
        return lines
    }

    /// `line` cut to `width` characters (with `…`).
    static func cut(_ line: String, _ width: Int) -> String {
        line.count <= width ? line : String(line.prefix(max(0, width - 1))) + "…"
    }
}
