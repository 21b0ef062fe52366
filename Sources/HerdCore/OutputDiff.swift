/// `herd on --diff`: which output most hosts printed, and how each other host's output differs from it.
///
/// The majority is the output shared by the most hosts (ties: the one whose first host sorts first, so the result
/// never depends on arrival order). Every other distinct output gets one unified diff against it, shared by all
/// hosts that printed exactly that output.
public struct OutputDiff: Sendable, Equatable {
    /// Hosts that printed one distinct output.
    public struct Variant: Sendable, Equatable {
        /// The hosts (in the order given) that printed `output`.
        public var hosts: [String]
        /// Their common output.
        public var output: String
        /// The unified diff from the majority output to this one (empty for the majority itself).
        public var diff: String
    }

    /// The majority output and its hosts.
    public var majority: Variant
    /// The other outputs, most common first (ties by first host).
    public var others: [Variant]

    /// Groups `outputs` (host, output) by identical output and diffs each minority group against the majority.
    /// Nil when there is no host.
    public init?(_ outputs: [(host: String, output: String)]) {
        var order: [String] = []
        var hosts: [String: [String]] = [:]
        for (host, output) in outputs {
            if hosts[output] == nil { order.append(output) }
            hosts[output, default: []].append(host)
        }
        let ranked = order.enumerated().sorted { a, b in
            let ca = hosts[a.element]?.count ?? 0, cb = hosts[b.element]?.count ?? 0
            if ca != cb { return ca > cb }
            let fa = hosts[a.element]?.first ?? "", fb = hosts[b.element]?.first ?? ""
            if fa != fb { return fa < fb }
            return a.offset < b.offset
        }.map(\.element)
        guard let top = ranked.first else { return nil }
        majority = Variant(hosts: hosts[top] ?? [], output: top, diff: "")
        others = ranked.dropFirst().map { out in
            Variant(hosts: hosts[out] ?? [], output: out, diff: UnifiedDiff.text(from: top, to: out))
        }
    }
}
