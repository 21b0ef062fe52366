import Foundation
import HerdCore
import HerdEngine
import HerdRemote

/// `herd init`: pool's host bootstrap, idempotent feature by feature, on shared hosts only, audited host by host
/// (a dry run changes nothing and writes no audit line).
public struct InitService: Sendable {
    public let context: ServiceContext

    public init(context: ServiceContext) { self.context = context }

    /// The features called `names` (every feature when empty); an unknown name is an error with a suggestion.
    public static func features(_ names: [String]) throws -> [InitFeature] {
        for name in names where InitFeature.named(name) == nil {
            let hint = Suggestion.closest(to: name, in: InitFeature.all.map(\.name)).map { " (did you mean \($0)?)" } ?? ""
            throw HerdError.invalidInput("unknown feature '\(name)'\(hint); features: \(InitFeature.all.map(\.name).joined(separator: ", "))")
        }
        return names.isEmpty ? InitFeature.all : InitFeature.all.filter { names.contains($0.name) }
    }

    /// The hosts `selector` names split into shared ones (initialised) and dedicated ones (skipped).
    public func targets(_ selector: String, exclude: [String] = []) throws -> (hosts: [Host], skipped: [Host]) {
        let selected = try RosterService(context: context).hosts(selector: selector, exclude: exclude)
        return (selected.filter(\.shared), selected.filter(\.dedicated))
    }

    /// Runs the features called `only` (every feature when empty) on `hosts` (with `dryRun`, only checks what
    /// would run), one fan-out per sudo/clean variant; returns each host's result with its parsed report, in the
    /// order of `hosts`.
    /// No host at all is an error.
    public func initialise(_ hosts: [Host], only: [String] = [], dryRun: Bool, timeout: Duration) async throws -> [(ExecResult, InitReport)] {
        guard !hosts.isEmpty else { throw HerdError.invalidInput("no host to initialise: every selected host is dedicated") }
        let features = try Self.features(only)
        try context.home.ensureControlDir()
        let fanout = Fanout(options: context.sshOptions)
        let action = dryRun ? nil : only.isEmpty ? "init" : "init --only " + only.joined(separator: ",")
        var results = try await AuditService(context: context).audited(action, hosts: hosts.map(\.name)) { audit in
            var results: [(ExecResult, InitReport)] = []
            for variant in Set(hosts.map { [$0.sudo, $0.clean] }).sorted(by: { "\($0)" < "\($1)" }) {
                let group = hosts.filter { [$0.sudo, $0.clean] == variant }
                let script = RemoteLeash.wrap(InitFeature.script(features), sudo: variant[0])
                let words = ["/bin/sh", "-c", script, "herd-init", dryRun ? "check" : "apply", variant[0] ? "1" : "0", variant[1] ? "1" : "0"]
                let finished = await fanout.run(words, on: group, timeout: timeout, onFinish: { r in
                    let report = InitReport.parse(r.stdout)
                    audit?.record(r.host, status: r.timedOut ? "timeout" : report.hasFailures ? "failed" : String(r.status ?? -1))
                })
                results += finished.map { ($0, InitReport.parse($0.stdout)) }
            }
            return results
        }
        let order = Dictionary(uniqueKeysWithValues: hosts.enumerated().map { ($1.name, $0) })
        results.sort { order[$0.0.host, default: 0] < order[$1.0.host, default: 0] }
        return results
    }
}
