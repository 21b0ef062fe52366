import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Catches SIGINT and SIGTERM while herd has something to undo (a job being synced and launched): the signal
/// no longer kills herd; it runs `handler` once (the first signal) and is remembered, so the caller can clean up
/// and then exit with 128 + the signal. Children are started with default dispositions, so a Ctrl-C on the
/// terminal still reaches them. `restore()` puts the default dispositions back.
final class SignalTrap: @unchecked Sendable {
    private let lock = NSLock()
    private var sources: [any DispatchSourceSignal] = []
    private var signalNumber: Int32?

    /// Starts catching SIGINT and SIGTERM.
    init(_ handler: @escaping @Sendable (Int32) -> Void) {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [weak self] in
                guard let self, self.record(sig) else { return }
                handler(sig)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// The first signal caught, if any.
    var caught: Int32? { lock.withLock { signalNumber } }

    /// Stops catching: SIGINT and SIGTERM kill herd again.
    func restore() {
        lock.withLock {
            for s in sources { s.cancel() }
            sources = []
        }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }

    /// Notes `sig`; true for the first signal only.
    private func record(_ sig: Int32) -> Bool {
        lock.withLock {
            if signalNumber != nil { return false }
            signalNumber = sig
            return true
        }
    }
}
