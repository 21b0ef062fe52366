import Foundation
import HerdCore
import HerdEngine
import HerdRemote
import HerdStore
import Logging
import ServiceLifecycle
import Synchronization

/// What every handler of `herd serve` shares: the configuration, the snapshot cache, the job database and manager,
/// the roster, the log, and the switch that stops the server.
final class ServerState: Sendable {
    let config: ServerConfig
    let cache: SnapshotCache
    let store: JobStore
    let manager: JobManager
    let roster: RosterStore
    let logger: Logger
    let startedAt = Date()
    let token: ServeToken?
    private let group = Mutex<ServiceGroup?>(nil)

    init(config: ServerConfig, cache: SnapshotCache, store: JobStore, manager: JobManager, logger: Logger, token: ServeToken?) {
        self.config = config
        self.cache = cache
        self.store = store
        self.manager = manager
        self.roster = RosterStore(home: config.home)
        self.logger = logger
        self.token = token
    }

    /// The hosts the roster names now (the local host when it is empty).
    func hosts() throws -> [Host] {
        try roster.load().effectiveHosts(localOS: LocalSystem.osName)
    }

    /// Remembers the service group `stop()` shuts down.
    func attach(_ g: ServiceGroup) { group.withLock { $0 = g } }

    /// Starts a graceful shutdown (what SIGTERM does).
    func stop() async {
        let g = group.withLock { $0 }
        await g?.triggerGracefulShutdown()
    }

    /// Writes one audit line for a mutating request: `TIME - http:METHOD:PATH:CLIENT STATUS`.
    func audit(method: String, path: String, client: String, status: Int) {
        let clean = { (s: String) in String(s.map { $0.isLetter || $0.isNumber || "/:.,=-_".contains($0) ? $0 : "_" }.prefix(200)) }
        do {
            try AuditLog(home: config.home).append([(host: "-", action: "http:\(method):\(clean(path)):\(clean(client))", status: String(status))])
        } catch {
            logger.error("audit log: \(error)")
        }
    }
}
