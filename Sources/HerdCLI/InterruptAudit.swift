import Dispatch
import Foundation
import HerdStore
#if canImport(Glibc)
import Glibc
#endif

/// The audit side of a mutating remote action (clean, init, stop, rm) that Ctrl-C may cut short.
///
/// While `run` is active, SIGINT and SIGTERM are taken by a dispatch source instead of killing herd outright: the
/// handler writes the audit lines of the hosts that already finished (`record`) and one `interrupted` line for each
/// host still working, then exits 130 (SIGINT) or 143 (SIGTERM). Exiting closes the ssh pipes, and the leashed remote
/// scripts (`RemoteLeash`) stop on their side. When the action ends normally, `complete` writes every line once.
/// The dashboard, which handles Ctrl-C itself, calls `completeAll` on its way out for actions still in flight.
final class InterruptAudit: @unchecked Sendable {
    /// Every audit not yet written, so that a process leaving early can write them all.
    private static let registry = Registry()

    private let log: AuditLog
    private let action: String
    private let lock = NSLock()
    private var pending: [String]
    private var finished: [(host: String, action: String, status: String)] = []
    private var written = false
    private var sources: [any DispatchSourceSignal] = []

    /// `hosts` are the hosts the action runs on, all still working at first.
    init(home: HerdHome, action: String, hosts: [String]) {
        log = AuditLog(home: home)
        self.action = action
        pending = hosts
        Self.registry.add(self)
    }

    /// Writes every audit not written yet (hosts still working get `interrupted`); for a process on its way out.
    static func completeAll() {
        for audit in registry.drain() {
            do { try audit.complete() } catch { CLIContext.warn("\(error)") }
        }
    }

    /// Records `host`'s final status (written with the others by `complete`, or by the interrupt handler).
    func record(_ host: String, status: String) {
        lock.withLock {
            pending.removeAll { $0 == host }
            finished.append((host, action, status))
        }
    }

    /// Writes the lines of every host that finished (hosts never recorded get `interrupted`). Only the first call,
    /// or an interrupt, writes.
    func complete() throws {
        let entries: [(host: String, action: String, status: String)]? = lock.withLock {
            if written { return nil }
            written = true
            return finished + pending.map { ($0, action, AuditLog.interrupted) }
        }
        Self.registry.remove(self)
        if let entries { try log.append(entries) }
    }

    /// Runs `body` with SIGINT and SIGTERM handled as described above; restores the default dispositions after.
    func run<T>(_ body: () async throws -> T) async throws -> T {
        install()
        defer { uninstall() }
        return try await body()
    }

    /// Runs `body` under `audit` and writes its lines when it ends (`run`, then `complete`); with no audit (a dry
    /// run), just runs `body`.
    static func completing<T>(_ audit: InterruptAudit?, _ body: () async -> T) async throws -> T {
        guard let audit else { return await body() }
        return try await audit.run {
            let r = await body()
            try audit.complete()
            return r
        }
    }

    private func install() {
        let queue = DispatchQueue(label: "herd.interrupt")
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler { [self] in interrupted(by: sig) }
            source.resume()
            sources.append(source)
        }
    }

    private func uninstall() {
        for s in sources { s.cancel() }
        sources = []
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }

    private func interrupted(by sig: Int32) -> Never {
        let hosts = lock.withLock { pending }
        Self.completeAll()
        do {
            try complete()
        } catch {
            CLIContext.warn("\(error)")
        }
        let still = hosts.isEmpty ? "" : " while \(hosts.joined(separator: ", ")) still worked"
        CLIContext.warn("interrupted\(still)")
        exit(128 + sig)
    }
}

/// The audits of one process not yet written.
private final class Registry: @unchecked Sendable {
    private let lock = NSLock()
    private var audits: [InterruptAudit] = []

    func add(_ a: InterruptAudit) { lock.withLock { audits.append(a) } }
    func remove(_ a: InterruptAudit) { lock.withLock { audits.removeAll { $0 === a } } }
    func drain() -> [InterruptAudit] {
        lock.withLock {
            defer { audits = [] }
            return audits
        }
    }
}
