import Foundation
import HerdCore

/// Host states that arrive one by one (the engine publishes each host as it answers), and the counts the status
/// line shows: hosts that answered, hosts up, and how long the others have been connecting.
extension AppState {
    /// Merges `states` into the snapshot by host name (a state probed for another target than the roster's now is
    /// dropped); hosts not in the snapshot are ignored (they left the roster).
    mutating func mergeHosts(_ states: [HostState], at time: Date) {
        guard var snap = snapshot else { return }
        let fresh = Dictionary(states.map { ($0.host.name, $0) }, uniquingKeysWith: { _, b in b })
        for i in snap.hosts.indices {
            guard var s = fresh[snap.hosts[i].host.name], s.host.ssh == snap.hosts[i].host.ssh else { continue }
            s.host = snap.hosts[i].host
            snap.hosts[i] = s
        }
        snap.takenAt = max(snap.takenAt, time)
        snapshot = snap
        countHosts()
    }

    /// Recounts hosts up, answered and total, and notes since when each pending host has been waiting.
    mutating func countHosts() {
        let hosts = snapshot?.hosts ?? []
        hostsTotal = hosts.count
        hostsUp = 0
        hostsAnswered = 0
        var waiting: [String: Date] = [:]
        let time = max(now, snapshot?.takenAt ?? now)
        for h in hosts {
            if h.status.isUp { hostsUp += 1 }
            if h.status.isUp || h.status == .error { hostsAnswered += 1 }
            if h.status == .pending { waiting[h.host.name] = pendingSince[h.host.name] ?? time }
        }
        pendingSince = waiting
    }

    /// "connecting 4s" for a host that has not answered yet (its session is still starting), else nil.
    public func connectingText(_ s: HostState) -> String? {
        guard s.status == .pending else { return nil }
        guard let since = pendingSince[s.host.name], now >= since else { return "connecting" }
        return "connecting " + UsageFormat.age(now.timeIntervalSince(since))
    }
}
