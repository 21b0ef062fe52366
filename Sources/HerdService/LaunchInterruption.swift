import Foundation

/// A way to stop a launch from outside (the CLI's Ctrl-C, a client going away): `cancel()` stops the sync
/// (rsync is killed) before the job starts, and the launch is undone. It may come before the launch exists.
public final class LaunchInterruption: @unchecked Sendable {
    private let lock = NSLock()
    private var task: Task<Void, any Error>?
    private var cancelled = false

    public init() {}

    /// Whether `cancel()` was called.
    public var isCancelled: Bool { lock.withLock { cancelled } }

    /// Cancels the launch held, or the one `hold` will hold.
    public func cancel() {
        let t = lock.withLock { () -> Task<Void, any Error>? in
            cancelled = true
            return task
        }
        t?.cancel()
    }

    /// Holds `task` (cancelling it at once when `cancel()` came first).
    func hold(_ task: Task<Void, any Error>) {
        let early = lock.withLock { () -> Bool in
            self.task = task
            return cancelled
        }
        if early { task.cancel() }
    }
}
