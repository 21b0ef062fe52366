import Foundation
import HerdCore
import HerdEngine
import HerdRemote

/// `herd clean`: pool's two-tier disk clean with 3-day retention, on the hosts that allow it (`clean: true`),
/// audited host by host (a dry run changes nothing and writes no audit line).
public struct CleanService: Sendable {
    public let context: ServiceContext

    public init(context: ServiceContext) { self.context = context }

    /// The hosts `selector` names split into those that may be cleaned and those skipped (`clean: false`).
    public func targets(_ selector: String, exclude: [String] = []) throws -> (hosts: [Host], skipped: [Host]) {
        let selected = try RosterService(context: context).hosts(selector: selector, exclude: exclude)
        return (selected.filter(\.clean), selected.filter { !$0.clean })
    }

    /// Cleans (or, with `dryRun`, measures) `hosts`; the deep tier runs with `deep`, or by itself on a host whose
    /// disk is at or over 85%. Each host's result comes with its parsed report, in the order of `hosts`.
    /// No host at all is an error.
    public func clean(_ hosts: [Host], dryRun: Bool, deep: Bool, timeout: Duration) async throws -> [(ExecResult, CleanReport)] {
        guard !hosts.isEmpty else { throw HerdError.invalidInput("no host to clean: every selected host has clean: false") }
        try context.home.ensureControlDir()
        let cleaner = Cleaner(fanout: Fanout(options: context.sshOptions))
        let action = dryRun ? nil : deep ? "clean --deep" : "clean"
        return try await AuditService(context: context).audited(action, hosts: hosts.map(\.name)) { audit in
            await cleaner.clean(hosts, dryRun: dryRun, depth: deep ? .deep : .auto, timeout: timeout) {
                audit?.record($0.host, status: $0.timedOut ? "timeout" : String($0.status ?? -1))
            }
        }
    }

    /// "tb01: freed 1.2G (disk 91% -> 84%)", "tb01: would free 1.2G (disk at 91%)", or the failure.
    public static func summary(_ exec: ExecResult, _ report: CleanReport, dryRun: Bool) -> String {
        if exec.timedOut { return "\(exec.host): timed out" }
        guard exec.status == 0, let before = report.before else {
            let why = exec.stderr.split(separator: "\n").last.map(String.init) ?? "exit \(exec.status.map(String.init) ?? "?")"
            return "\(exec.host): failed: \(why)"
        }
        let extra = report.notes.isEmpty ? "" : "; " + report.notes.joined(separator: "; ")
        if dryRun {
            return "\(exec.host): would free \(UsageFormat.bytes(report.stepBytes)) (disk at \(before.percent)%)\(extra)"
        }
        let freed = report.freedBytes.map(UsageFormat.bytes) ?? "?"
        return "\(exec.host): freed \(freed) (disk \(before.percent)% -> \(report.after?.percent ?? 0)%)\(extra)"
    }
}
