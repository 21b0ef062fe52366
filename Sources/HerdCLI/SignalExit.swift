import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Ends herd on SIGINT, SIGTERM or SIGHUP with status 128+signal (130 for Ctrl-C), after a quick `cleanup`
/// (clearing a progress line). Dying closes every pipe herd holds, so each ssh it started reaches EOF on stdin
/// and the remote wrapper (`RemoteCommand.wrapper`) ends its command. Keep the value alive while it applies.
final class SignalExit: @unchecked Sendable {
    private var sources: [any DispatchSourceSignal] = []
    private let queue = DispatchQueue(label: "herd.signal-exit")

    init(cleanup: @escaping @Sendable () -> Void = {}) {
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            // The dispatch source sees the signal only once its default action (death) is off; spawned children
            // get default dispositions back (ChildProcess), so Ctrl-C still reaches them.
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler {
                cleanup()
                _exit(128 + sig)
            }
            source.resume()
            sources.append(source)
        }
    }
}
