import Foundation
import HerdCore

/// The dashboard's view of hosts over time (issue 14): recent history per host for sparklines and graphs, when
/// each host's trouble began, whether troubled hosts are pinned at the top, the host whose detail view is open,
/// and the reservations the detail view lists. Part of `AppState`; changed only by `Reducer`.
public struct HostsView: Equatable, Sendable {
    /// Load, CPU, RAM and GPU history per host (bounded: `HostHistory.capacity` samples per roster host).
    public var history = HostHistories()
    /// When the dashboard first saw each host down, in error or partial (cleared when it recovers).
    public var troubleSince: [String: Date] = [:]
    /// Troubled hosts first (down, then partial, then a figure at `high`), each group in the chosen sort.
    public var pinTrouble = false
    /// The host whose detail view is open (Enter on a host; Esc closes).
    public var detail: String?
    /// Reservations in the ledger, for the detail view.
    public var reservations: [Reservation] = []

    public init(pinTrouble: Bool = false) { self.pinTrouble = pinTrouble }

    /// Takes in the hosts of a new snapshot (or of one host's update) seen at `now`.
    mutating func observe(_ hosts: [HostState], now: Date) {
        history.feed(hosts)
        var since: [String: Date] = [:]
        for h in hosts where h.status != .complete && h.status != .pending {
            since[h.host.name] = troubleSince[h.host.name] ?? now
        }
        troubleSince = since
    }
}

extension AppState {
    /// The host of the open detail view, if it is still in the roster.
    public var detailHost: HostState? {
        guard let name = hostsView.detail else { return nil }
        return snapshot?.hosts.first { $0.host.name == name }
    }
}
