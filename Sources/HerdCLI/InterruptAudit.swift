import Dispatch
import Foundation
import HerdService
#if canImport(Glibc)
import Glibc
#endif

/// The CLI's side of an audited action (clean, init, stop, rm) that Ctrl-C may cut short.
///
/// While `run` is active, SIGINT and SIGTERM are taken by a dispatch source instead of killing herd outright: the
/// handler has `AuditService.completeAll` write the lines of every action in flight (hosts that finished with
/// their status, hosts still working as `interrupted`), then exits 130 (SIGINT) or 143 (SIGTERM). Exiting closes
/// the ssh pipes, and the leashed remote scripts (`RemoteLeash`) stop on their side. The dashboard, which handles
/// Ctrl-C itself, calls `AuditService.completeAll` on its way out.
enum InterruptAudit {
    /// Runs `body` with SIGINT and SIGTERM handled as described above (unless `guarding` is false: a dry run,
    /// which audits nothing); restores the default dispositions after.
    static func run<T>(guarding: Bool = true, _ body: () async throws -> T) async throws -> T {
        guard guarding else { return try await body() }
        let guardian = Guardian()
        defer { guardian.uninstall() }
        return try await body()
    }

    /// The installed handlers.
    private final class Guardian: @unchecked Sendable {
        private var sources: [any DispatchSourceSignal] = []

        init() {
            let queue = DispatchQueue(label: "herd.interrupt")
            for sig in [SIGINT, SIGTERM] {
                signal(sig, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
                source.setEventHandler { Self.interrupted(by: sig) }
                source.resume()
                sources.append(source)
            }
        }

        func uninstall() {
            for s in sources { s.cancel() }
            sources = []
            signal(SIGINT, SIG_DFL)
            signal(SIGTERM, SIG_DFL)
        }

        private static func interrupted(by sig: Int32) -> Never {
            let (hosts, errors) = AuditService.completeAll()
            for e in errors { CLIContext.warn("\(e)") }
            let still = hosts.isEmpty ? "" : " while \(hosts.joined(separator: ", ")) still worked"
            CLIContext.warn("interrupted\(still)")
            exit(128 + sig)
        }
    }
}
