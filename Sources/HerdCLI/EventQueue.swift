import Foundation
import HerdTUI

/// Events from background work for the dashboard's main loop (which drains it between key reads). Thread-safe.
final class EventQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [AppEvent] = []

    func post(_ e: AppEvent) {
        lock.lock()
        events.append(e)
        lock.unlock()
    }

    func drain() -> [AppEvent] {
        lock.lock()
        defer { lock.unlock() }
        let out = events
        events = []
        return out
    }
}
