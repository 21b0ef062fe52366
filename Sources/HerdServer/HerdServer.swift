import Foundation
import HerdCore
import HerdEngine
import HerdRemote
import HerdService
import HerdStore
import Hummingbird
import NIOCore
import Logging
import ServiceLifecycle
#if canImport(Glibc)
import Glibc
#endif

/// `herd serve`: the daemon. Takes the home's serve lock (a second server refuses), replaces a stale socket, and
/// runs three lifecycle services in one group until SIGTERM, SIGINT or `POST /v1/shutdown`: the HTTP API on the
/// Unix socket `$HERD_HOME/herd.sock` (0600), the same API on TCP (loopback by default; a bearer token otherwise),
/// and the refresh and reconciliation loops. The socket is removed on the way out.
public enum HerdServer {
    /// Runs the server with `config`; `announce` receives the start-up lines (listeners, token notice).
    public static func run(_ config: ServerConfig, announce: @escaping @Sendable (String) -> Void) async throws {
        umask(0o077)
        try config.home.ensureExists()
        _ = chmod(config.home.root.path, 0o700)
        let lock = try ServeLock(path: config.lockPath)
        var logger = Logger(label: "herd.serve", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = .info
        let token = config.needsToken ? try ServeToken.loadOrCreate(path: config.tokenPath) : nil
        try removeStaleSocket(config.socketPath)

        let services = ServiceContext(home: config.home)
        let hosts = try RosterService(context: services).effectiveHosts().1
        // One set of sessions: probes, job states and log reads all ask each host's agent over it.
        let sessions = SessionProber(options: services.sshOptions)
        let engine = try SnapshotService(context: services).liveEngine(
            hosts, config: RefreshConfig(interval: config.interval, timeout: config.timeout), sessions: sessions)
        await engine.seed(lastSeen: SightingStore(home: config.home).load())
        let cache = SnapshotCache(engine: engine)
        let jobs = JobService(context: services, watcher: JobWatcher(sessions: sessions))
        let state = ServerState(config: config, services: services, cache: cache, jobs: jobs, logger: logger, token: token)

        let router = Router(context: ServerRequestContext.self)
        router.add(middleware: GuardMiddleware(state: state))
        HostRoutes(state: state).register(on: router)
        JobRoutes(state: state).register(on: router)
        ReservationRoutes(state: state).register(on: router)
        RunRoute(state: state).register(on: router)
        MetricsRoute(state: state).register(on: router)
        let responder = router.buildResponder()

        var quiet = logger
        quiet.logLevel = .warning
        let socketPath = config.socketPath
        var listeners: [any Service] = [
            Application(
                responder: responder, configuration: ApplicationConfiguration(address: .unixDomainSocket(path: socketPath), serverName: "herd"),
                onServerRunning: { _ in
                    _ = chmod(socketPath, 0o600)
                    announce("listening on \(socketPath)")
                }, logger: quiet)
        ]
        if let tcp = config.tcp {
            let note = token != nil ? " (not loopback: requests need the bearer token in \(config.tokenPath))" : ""
            listeners.append(Application(
                responder: responder, configuration: ApplicationConfiguration(address: .hostname(tcp.host, port: tcp.port), serverName: "herd"),
                onServerRunning: { channel in
                    let port = channel.localAddress?.port ?? tcp.port
                    announce("listening on http://\(tcp.host.contains(":") ? "[\(tcp.host)]" : tcp.host):\(port)\(note)")
                }, logger: quiet))
        }
        listeners.append(RefreshService(cache: cache, services: services, jobs: jobs, interval: config.interval, logger: logger))
        let group = ServiceGroup(services: listeners, gracefulShutdownSignals: [.sigterm, .sigint], logger: quiet)
        state.attach(group)
        if config.allowExec { logger.notice("POST /v1/run is on (--allow-exec)") }
        defer {
            unlink(socketPath)
            withExtendedLifetime(lock) {}
        }
        do {
            try await group.run()
        } catch {
            throw HerdError.invalidInput("herd serve stopped: \(describe(error))")
        }
        logger.info("stopped")
    }

    /// A socket left by a server that was killed is removed (the serve lock says none runs); anything else at
    /// that path is left alone and refused.
    static func removeStaleSocket(_ path: String) throws {
        var st = stat()
        guard lstat(path, &st) == 0 else { return }
        guard st.st_mode & S_IFMT == S_IFSOCK else {
            throw HerdError.invalidInput("\(path) exists and is not a socket: move it away")
        }
        unlink(path)
    }

    /// An error from the listeners in one line (NIO's bind errors name the errno).
    static func describe(_ error: any Error) -> String {
        let text = "\(error)"
        if text.contains("Address already in use") { return "address already in use (another server on that port?)" }
        return TerminalText.line(text)
    }
}
