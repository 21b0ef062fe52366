import Foundation
import HerdCore

/// What `RefreshEngine.live()` publishes: every host's state once at the start, then each host alone as its
/// probe finishes, so a slow or frozen host never holds back the others.
public enum LiveUpdate: Sendable, Equatable {
    /// Every host's state now (the first update: the roster, drawn before any host has answered).
    case snapshot(Snapshot)
    /// One host's new state, published the moment its probe finished.
    case host(HostState, at: Date)
}
