import Foundation
import HerdStore

/// The one writer of `$HERD_HOME/audit.log`: every mutating remote action (clean, init, stop, rm) goes through
/// it, naming the client it acts for when the context has one. An action is begun with the hosts it runs on;
/// each host's status is recorded as it finishes, and `complete` writes every line once. Actions still in flight
/// when a face must leave (Ctrl-C, SIGTERM, quitting the dashboard) are written by `completeAll`, their hosts
/// still working marked `interrupted`.
public struct AuditService: Sendable {
    public let context: ServiceContext

    public init(context: ServiceContext) { self.context = context }

    /// Begins `action` on `hosts`, all still working at first.
    public func begin(_ action: String, hosts: [String]) -> AuditedAction {
        AuditedAction(log: AuditLog(home: context.home), client: context.client, action: action, hosts: hosts)
    }

    /// Runs `body` as `action` on `hosts` and writes its lines when it returns (nil: no audit, a dry run). When
    /// `body` throws, the hosts it did not record are written as `failed`, and the error is rethrown.
    public func audited<T>(_ action: String?, hosts: [String], _ body: (AuditedAction?) async throws -> T) async throws -> T {
        guard let action else { return try await body(nil) }
        let a = begin(action, hosts: hosts)
        do {
            let r = try await body(a)
            try a.complete()
            return r
        } catch {
            // The failure is the caller's news; the hosts it left unrecorded are written as `failed`.
            for h in a.pendingHosts { a.record(h, status: "failed") }
            try? a.complete()
            throw error
        }
    }

    /// Writes every action not written yet (their hosts still working get `interrupted`); returns those hosts and
    /// the errors of writes that failed. For a process on its way out.
    @discardableResult
    public static func completeAll() -> (stillWorking: [String], errors: [any Error]) {
        var hosts: [String] = [], errors: [any Error] = []
        for a in AuditedAction.registry.drain() {
            hosts += a.pendingHosts
            do { try a.complete() } catch { errors.append(error) }
        }
        return (hosts, errors)
    }
}

/// One audited action in flight: the hosts still working and the statuses of those that finished.
public final class AuditedAction: @unchecked Sendable {
    /// Every action not yet written, so that a process leaving early can write them all.
    static let registry = AuditRegistry()

    private let log: AuditLog
    private let client: String?
    public let action: String
    private let lock = NSLock()
    private var pending: [String]
    private var finished: [(host: String, action: String, status: String)] = []
    private var written = false

    init(log: AuditLog, client: String?, action: String, hosts: [String]) {
        self.log = log
        self.client = client
        self.action = action
        pending = hosts
        Self.registry.add(self)
    }

    /// The hosts that have not finished yet.
    public var pendingHosts: [String] { lock.withLock { pending } }

    /// Records `host`'s final status (written with the others by `complete`).
    public func record(_ host: String, status: String) {
        lock.withLock {
            pending.removeAll { $0 == host }
            finished.append((host, action, status))
        }
    }

    /// Writes the lines of every host that finished (hosts never recorded get `interrupted`). Only the first call
    /// writes.
    public func complete() throws {
        let entries: [(host: String, action: String, status: String)]? = lock.withLock {
            if written { return nil }
            written = true
            return finished + pending.map { ($0, action, AuditLog.interrupted) }
        }
        Self.registry.remove(self)
        if let entries { try log.append(entries, client: client) }
    }
}

/// The audited actions of one process not yet written.
final class AuditRegistry: @unchecked Sendable {
    private let lock = NSLock()
    private var actions: [AuditedAction] = []

    func add(_ a: AuditedAction) { lock.withLock { actions.append(a) } }
    func remove(_ a: AuditedAction) { lock.withLock { actions.removeAll { $0 === a } } }
    func drain() -> [AuditedAction] {
        lock.withLock {
            defer { actions = [] }
            return actions
        }
    }
}
