import Foundation

/// The history of every host in view, by name: fed from each snapshot (or single host update), a host gets a sample
/// when it answered a probe newer than its last one. Hosts that leave the roster are dropped, so memory stays
/// bounded by the roster's size times `HostHistory.capacity`.
public struct HostHistories: Sendable, Equatable {
    public private(set) var byHost: [String: HostHistory] = [:]
    public let capacity: Int

    public init(capacity: Int = HostHistory.defaultCapacity) { self.capacity = capacity }

    /// Records every host of `states` that answered since its last sample; forgets hosts not in `states`.
    public mutating func feed(_ states: [HostState]) {
        let names = Set(states.map(\.host.name))
        if byHost.keys.contains(where: { !names.contains($0) }) { byHost = byHost.filter { names.contains($0.key) } }
        for s in states { record(s) }
    }

    /// Records one host's state if it answered since its last sample.
    public mutating func record(_ s: HostState) {
        guard s.status.isUp, let seen = s.lastSeen else { return }
        if let last = byHost[s.host.name]?.lastTime, seen <= last { return }
        byHost[s.host.name, default: HostHistory(capacity: capacity)].record(s.usage, at: seen)
    }

    /// The history of `host`, empty when none.
    public subscript(host: String) -> HostHistory { byHost[host] ?? HostHistory(capacity: 1) }
}
