import Foundation
import HerdCore
import HerdDaemonClient
import HerdEngine

/// The running daemon's cached snapshots, polled at the dashboard's interval: no ssh session of this process.
/// The stream ends when the daemon is gone (its socket refuses) or fails `patience` times in a row; `failure`
/// then says why.
actor DaemonSnapshotSource: SnapshotSource {
    let client: DaemonClient
    let interval: Duration
    private var hosts: [Host]
    /// Why the stream ended, once it has.
    private(set) var failure: DaemonError?
    /// Consecutive failed polls tolerated from a daemon that is there but slow or failing.
    static let patience = 3

    init(client: DaemonClient, hosts: [Host], interval: Duration) {
        self.client = client
        self.hosts = hosts
        self.interval = interval
    }

    /// The daemon's snapshot of the current hosts, in roster order; a host the daemon does not know yet (the
    /// roster just changed) is pending until the daemon probes it.
    func fetch() async throws(DaemonError) -> Snapshot {
        let cache = try await client.snapshot()
        return Self.view(cache, hosts: hosts)
    }

    /// `cache` as seen for `hosts`: the local roster entries with the daemon's states.
    static func view(_ cache: CachedSnapshot, hosts: [Host]) -> Snapshot {
        Snapshot(takenAt: cache.takenAt, hosts: hosts.map { h in
            guard var s = cache.states[h.name] else { return HostState(host: h) }
            s.host = h
            return s
        })
    }

    nonisolated func snapshots() -> AsyncStream<Snapshot> {
        AsyncStream { continuation in
            let task = Task {
                var failures = 0
                while !Task.isCancelled {
                    let start = ContinuousClock.now
                    do throws(DaemonError) {
                        continuation.yield(try await self.fetch())
                        failures = 0
                    } catch {
                        failures += 1
                        if error.isAbsent || failures >= Self.patience {
                            await self.fail(error)
                            break
                        }
                    }
                    try? await Task.sleep(until: start + self.interval, clock: .continuous)
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    func refresh() async -> Snapshot? {
        // The daemon runs the round (bounded by its hosts' timeouts); this only waits for it.
        let slow = DaemonClient(socketPath: client.transport.socketPath, timeout: .seconds(60))
        do throws(DaemonError) {
            try await slow.post("/v1/refresh")
            return try await fetch()
        } catch {
            return nil
        }
    }

    func setHosts(_ hosts: [Host]) { self.hosts = hosts }
    func shutdown() {}

    private func fail(_ error: DaemonError) { failure = error }
}
