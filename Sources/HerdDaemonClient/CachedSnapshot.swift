import Foundation
import HerdCore

/// The daemon's snapshot (`GET /v1/snapshot`, the document of `herd snapshot --json`) read back into values:
/// each host's state by name and how old the cache is.
public struct CachedSnapshot: Decodable, Sendable {
    /// When the daemon's last probe round ended.
    public var takenAt: Date
    /// The cache's age as the daemon reported it (seconds), when it did.
    public var ageSeconds: Double?
    /// Each host's state as the daemon knows it, by roster name.
    public var states: [String: HostState]

    private enum CodingKeys: String, CodingKey {
        case hosts
        case takenAt = "taken_at", ageSeconds = "age_seconds"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        takenAt = try c.decode(Date.self, forKey: .takenAt)
        ageSeconds = try c.decodeIfPresent(Double.self, forKey: .ageSeconds)
        let rows = try c.decode([CachedHostRow].self, forKey: .hosts)
        states = Dictionary(rows.map { ($0.state.host.name, $0.state) }, uniquingKeysWith: { first, _ in first })
    }

    /// The snapshot of `hosts` (the local roster's values, in their order) from the cache; throws naming the
    /// first host the cache has no entry for (the roster changed after the daemon read it).
    public func snapshot(of hosts: [HerdCore.Host]) throws(DaemonError) -> Snapshot {
        var out: [HostState] = []
        for h in hosts {
            guard var s = states[h.name] else { throw .badJSON("the daemon's cache has no host '\(h.name)' (roster changed?)") }
            // The roster entry is the local one: names, targets and flags never come from the wire.
            s.host = h
            out.append(s)
        }
        return Snapshot(takenAt: takenAt, hosts: out)
    }

    /// The cache's age at `now` (the daemon's figure plus nothing: `taken_at` is the truth when clocks agree).
    public func age(at now: Date) -> Double {
        max(0, now.timeIntervalSince(takenAt))
    }
}
