import Foundation
import HerdCore
import HerdRemote
import HerdStore

/// What every service needs from its surroundings: the state directory (`$HERD_HOME`), the roster store, the
/// environment ssh options come from, and the name of the client it acts for (written to the audit log). Faces
/// build one and hand it to the services they call. Copies share one job database, opened on first use.
public struct ServiceContext: Sendable {
    public let home: HerdHome
    public let roster: RosterStore
    public let environment: [String: String]
    /// Who asks (`nil` for the local CLI and dashboard; the HTTP face names the socket peer or TCP address).
    public let client: String?
    private let database: DatabaseBox

    public init(home: HerdHome, environment: [String: String] = ProcessInfo.processInfo.environment, client: String? = nil) {
        self.home = home
        self.environment = environment
        self.client = client
        roster = RosterStore(home: home)
        database = DatabaseBox()
    }

    private init(copying other: ServiceContext, client: String?) {
        home = other.home
        environment = other.environment
        roster = other.roster
        database = other.database
        self.client = client
    }

    /// The context of `environment`'s `HERD_HOME` (default `~/.herd`).
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> ServiceContext {
        ServiceContext(home: HerdHome.fromEnvironment(environment), environment: environment)
    }

    /// This context acting for `client` (audit lines name it).
    public func acting(for client: String?) -> ServiceContext {
        ServiceContext(copying: self, client: client)
    }

    /// ssh options for this state directory (`$HERD_HOME/ctl` sockets, `$HERD_SSH_CONFIG`).
    public var sshOptions: SSHOptions {
        SSHOptions.standard(controlDir: home.controlDir.path, environment: environment)
    }

    /// The job database (jobs and the reservation ledger), opened on the first call and kept.
    public func jobStore() throws -> JobStore { try database.store(home) }
}

/// The job database of a context, opened once (a failed open is tried again on the next call).
private final class DatabaseBox: @unchecked Sendable {
    private let lock = NSLock()
    private var opened: JobStore?

    func store(_ home: HerdHome) throws -> JobStore {
        try lock.withLock {
            if let opened { return opened }
            let s = try JobStore(home: home)
            opened = s
            return s
        }
    }
}
