import ArgumentParser
import Foundation
import HerdCore
import HerdEngine
import HerdRemote
import HerdStore

/// `herd init TARGETS`: pool's host bootstrap, idempotent feature by feature.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Bootstrap hosts: " + InitFeature.all.map(\.name).joined(separator: ", ") + ".",
        discussion: InitFeature.all.map { "\($0.name): \($0.summary)" }.joined(separator: "\n")
            + "\n\nEach feature checks first and changes nothing when it is already in place. Dedicated hosts are skipped; "
            + "hosts with clean: false get no cleanup cron (and lose one installed earlier). Privileged steps need root or sudo: true."
    )

    @Argument(help: "Hosts: a name, a,b,c, tb[01-32], @tag or all.")
    var targets: String

    @Option(name: .customLong("exclude"), help: "Hosts to leave out.")
    var exclude: [String] = []

    @Option(help: "Run only this feature (repeatable).")
    var only: [String] = []

    @Flag(help: "Print what would run where; change nothing.")
    var dryRun = false

    @Option(help: "How long each host may take (seconds, or 30s, 15m, 1h).", transform: DurationOption.seconds)
    var timeout: Double = 900

    func validate() throws {
        guard timeout > 0, timeout <= 86400 else { throw ValidationError("--timeout must be between 0 and 86400 seconds") }
        for name in only where InitFeature.named(name) == nil {
            let hint = Suggestion.closest(to: name, in: InitFeature.all.map(\.name)).map { " (did you mean \($0)?)" } ?? ""
            throw ValidationError("unknown feature '\(name)'\(hint); features: \(InitFeature.all.map(\.name).joined(separator: ", "))")
        }
    }

    func run() async throws {
        let context = CLIContext()
        let (_, all) = try context.effectiveHosts()
        let selected = try TargetSelector(targets, exclude: exclude).resolve(in: all)
        for h in selected where h.dedicated { CLIContext.warn("\(h.name): skipped (dedicated)") }
        let hosts = selected.filter(\.shared)
        guard !hosts.isEmpty else { throw HerdError.invalidInput("no host to initialise: every selected host is dedicated") }
        let features = only.isEmpty ? InitFeature.all : InitFeature.all.filter { only.contains($0.name) }
        try context.home.ensureControlDir()
        let fanout = Fanout(options: context.sshOptions)
        let action = only.isEmpty ? "init" : "init --only " + only.joined(separator: ",")
        // A real run audits every host, Ctrl-C included (hosts not finished then get `interrupted`).
        let audit = dryRun ? nil : InterruptAudit(home: context.home, action: action, hosts: hosts.map(\.name))
        let initialise = { () async -> [(ExecResult, InitReport)] in
            var results: [(ExecResult, InitReport)] = []
            for variant in Set(hosts.map { [$0.sudo, $0.clean] }).sorted(by: { "\($0)" < "\($1)" }) {
                let group = hosts.filter { [$0.sudo, $0.clean] == variant }
                let script = RemoteLeash.wrap(InitFeature.script(features), sudo: variant[0])
                let words = ["/bin/sh", "-c", script, "herd-init", dryRun ? "check" : "apply", variant[0] ? "1" : "0", variant[1] ? "1" : "0"]
                let finished = await fanout.run(words, on: group, timeout: .milliseconds(Int(timeout * 1000)), onFinish: { r in
                    let report = InitReport.parse(r.stdout)
                    audit?.record(r.host, status: r.timedOut ? "timeout" : report.hasFailures ? "failed" : String(r.status ?? -1))
                })
                results += finished.map { ($0, InitReport.parse($0.stdout)) }
            }
            return results
        }
        var results = try await InterruptAudit.completing(audit) { await initialise() }
        let order = Dictionary(uniqueKeysWithValues: hosts.enumerated().map { ($1.name, $0) })
        results.sort { order[$0.0.host, default: 0] < order[$1.0.host, default: 0] }
        var rows: [[String]] = []
        for (exec, report) in results {
            if report.entries.isEmpty {
                let why = exec.timedOut ? "timed out" : (exec.stderr.split(separator: "\n").last.map(String.init) ?? "no answer")
                rows.append([exec.host, "-", "failed", why])
            }
            for e in report.entries { rows.append([exec.host, e.feature, dryRun && e.status == "would" ? "would run" : e.status, e.detail]) }
        }
        CLIContext.out(TextTable(header: ["HOST", "FEATURE", "STATUS", "DETAIL"], rows: rows).render())
        let failed = results.contains { $0.1.hasFailures || !$0.0.succeeded || $0.1.entries.count != features.count }
        if failed { throw ExitCode(1) }
    }
}
