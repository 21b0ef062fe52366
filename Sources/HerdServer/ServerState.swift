import Foundation
import HerdCore
import HerdService
import Logging
import ServiceLifecycle
import Synchronization

/// What every handler of `herd serve` shares: the configuration, the service context the use cases run in, the
/// snapshot cache, the log, and the switch that stops the server.
final class ServerState: Sendable {
    let config: ServerConfig
    let services: ServiceContext
    let cache: SnapshotCache
    /// Jobs through the engine's persistent host sessions: reconcile passes and log reads ask the agent there.
    let jobs: JobService
    let logger: Logger
    let startedAt = Date()
    let token: ServeToken?
    private let group = Mutex<ServiceGroup?>(nil)

    init(config: ServerConfig, services: ServiceContext, cache: SnapshotCache, jobs: JobService, logger: Logger, token: ServeToken?) {
        self.config = config
        self.services = services
        self.cache = cache
        self.jobs = jobs
        self.logger = logger
        self.token = token
    }

    /// The service context acting for the request's client (audit lines name it).
    func services(for context: ServerRequestContext) -> ServiceContext {
        services.acting(for: context.clientName)
    }

    /// The hosts the roster names now (the local host when it is empty).
    func hosts() throws -> [Host] {
        try RosterService(context: services).effectiveHosts().1
    }

    /// Remembers the service group `stop()` shuts down.
    func attach(_ g: ServiceGroup) { group.withLock { $0 = g } }

    /// Starts a graceful shutdown (what SIGTERM does).
    func stop() async {
        let g = group.withLock { $0 }
        await g?.triggerGracefulShutdown()
    }

    /// Writes the audit line of a mutating request, through the audit owner: `TIME - http:METHOD:PATH STATUS
    /// client=CLIENT`.
    func audit(method: String, path: String, client: String, status: Int) {
        let action = "http:\(method):" + String(path.prefix(200))
        let a = AuditService(context: services.acting(for: client)).begin(action, hosts: ["-"])
        a.record("-", status: String(status))
        do { try a.complete() } catch { logger.error("audit log: \(error)") }
    }
}
