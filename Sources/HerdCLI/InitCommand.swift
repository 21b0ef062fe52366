import ArgumentParser
import Foundation
import HerdCore
import HerdRemote
import HerdService

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
        do { _ = try InitService.features(only) } catch let e as HerdError { throw ValidationError(e.description) }
    }

    func run() async throws {
        let service = InitService(context: CLIContext().services)
        let (hosts, skipped) = try service.targets(targets, exclude: exclude)
        for h in skipped { CLIContext.warn("\(h.name): skipped (dedicated)") }
        let features = try InitService.features(only)
        // A real run audits every host, Ctrl-C included (hosts not finished then get `interrupted`).
        let results = try await InterruptAudit.run(guarding: !dryRun) {
            try await service.initialise(hosts, only: only, dryRun: dryRun, timeout: .milliseconds(Int(timeout * 1000)))
        }
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
