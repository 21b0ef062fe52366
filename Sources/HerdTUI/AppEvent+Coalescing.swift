import Foundation
import HerdCore

/// Host results that arrive between two frames are applied as one event: the table is filtered, sorted and
/// re-anchored once per frame, not once per host.
extension AppEvent {
    /// `events` with each run of `.hosts` events merged into one (later states of a host win); order otherwise kept.
    public static func coalescingHosts(_ events: [AppEvent]) -> [AppEvent] {
        var out: [AppEvent] = []
        out.reserveCapacity(events.count)
        for e in events {
            if case .hosts(let more, let t2) = e, case .hosts(let earlier, let t1)? = out.last {
                out[out.count - 1] = .hosts(earlier + more, at: max(t1, t2))
            } else {
                out.append(e)
            }
        }
        return out
    }

    /// Whether this event brings new host states (a snapshot or single hosts).
    public var changesHosts: Bool {
        switch self {
        case .snapshot, .hosts: return true
        default: return false
        }
    }
}
