import HerdCore

/// The confirm-time check of a dashboard action: of the hosts the action was planned for (what the operator was
/// shown), those that still qualify in the roster as it is on disk now, and the others with the reason.
///
/// A host qualifies when it is still in the roster under the same name and target, has `clean: true` when the
/// action cleans, and is shared when the action is for shared hosts (`C`, `o`). A host that turned dedicated since
/// the plan is skipped by every action; one that was already dedicated when the operator named it (`c` on a
/// `[ded]` row, a job on a dedicated host) stays allowed, as `herd clean NAME` allows it. Hosts added since the
/// plan are not taken: the operator never saw them in this action.
public struct RosterRecheck: Equatable, Sendable {
    /// A host left out, and why.
    public struct Skip: Equatable, Sendable {
        public var host: String
        public var reason: String
    }

    /// The hosts to act on, with their current roster values.
    public var hosts: [Host]
    /// The planned hosts that no longer qualify.
    public var skipped: [Skip]

    /// Checks `planned` against `current` (the roster re-read from disk).
    public static func check(planned: [Host], current: [Host], sharedOnly: Bool, needsClean: Bool) -> RosterRecheck {
        let byName = Dictionary(current.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var out = RosterRecheck(hosts: [], skipped: [])
        for p in planned {
            guard let c = byName[p.name] else {
                out.skipped.append(Skip(host: p.name, reason: "removed from the roster"))
                continue
            }
            if c.ssh != p.ssh {
                out.skipped.append(Skip(host: p.name, reason: "its target changed"))
            } else if !c.shared && p.shared {
                out.skipped.append(Skip(host: p.name, reason: "now dedicated"))
            } else if !c.shared && sharedOnly {
                out.skipped.append(Skip(host: p.name, reason: "dedicated"))
            } else if needsClean && !c.clean {
                out.skipped.append(Skip(host: p.name, reason: "clean: false"))
            } else {
                out.hosts.append(c)
            }
        }
        return out
    }

    /// "skipped a (clean: false), b (now dedicated)", or "" when nothing was skipped. Long lists are cut after
    /// `limit` hosts with a count of the rest.
    public func skippedText(limit: Int = 4) -> String {
        guard !skipped.isEmpty else { return "" }
        var parts = skipped.prefix(limit).map { "\($0.host) (\($0.reason))" }
        if skipped.count > limit { parts.append("\(skipped.count - limit) more") }
        return "skipped " + parts.joined(separator: ", ")
    }
}
