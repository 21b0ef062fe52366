import ArgumentParser
import Foundation
import HerdCore
import HerdService

/// `herd clean TARGETS`: pool's two-tier disk clean with 3-day retention.
struct CleanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Free disk space: caches, old logs and temp files older than 3 days.",
        discussion: """
            Safe tier: journal vacuum, apt autoremove/clean, disabled snap revisions, old rotated logs in /var/log, \
            /var/crash, /var/tmp, /tmp, ~/.cache/{uv,pip,puppeteer,mathlib,thumbnails}. Deep tier (--deep, or by itself \
            when the disk is at or over 85%): ~/.cache/{huggingface,torch,torch_extensions,npm,yarn,go-build} and \
            docker system prune. Privileged steps run only on hosts with sudo: true. Hosts with clean: false are never \
            touched; 'all' also skips dedicated hosts.
            """
    )

    @Argument(help: "Hosts: a name, a,b,c, tb[01-32], @tag or all.")
    var targets: String

    @Option(name: .customLong("exclude"), help: "Hosts to leave out.")
    var exclude: [String] = []

    @Flag(help: "Report what each tier would remove; delete nothing.")
    var dryRun = false

    @Flag(help: "Run the deep tier too, whatever the disk use.")
    var deep = false

    @Option(help: "How long each host may take (seconds, or 30s, 10m, 1h).", transform: DurationOption.seconds)
    var timeout: Double = 600

    func validate() throws {
        guard timeout > 0, timeout <= 86400 else { throw ValidationError("--timeout must be between 0 and 86400 seconds") }
    }

    @Flag(help: "Print JSON: every step with its exact byte count, per host.")
    var json = false

    /// One host of `herd clean --json`.
    struct HostJSON: Encodable {
        struct Step: Encodable {
            var tier, name, result: String
            var bytes: UInt64
            var note: String
        }
        var host: String
        var status: Int32?
        var timed_out: Bool
        var dry_run: Bool
        var steps: [Step]
        var step_bytes: UInt64
        var freed_bytes: UInt64?
        var disk_percent_before: Int?
        var disk_percent_after: Int?
    }

    func run() async throws {
        let service = CleanService(context: CLIContext().services)
        let (hosts, skipped) = try service.targets(targets, exclude: exclude)
        for h in skipped { CLIContext.warn("\(h.name): skipped (clean: false)") }
        // A dry run changes nothing and writes no audit line; a real one audits every host, Ctrl-C included.
        let results = try await InterruptAudit.run(guarding: !dryRun) {
            try await service.clean(hosts, dryRun: dryRun, deep: deep, timeout: .milliseconds(Int(timeout * 1000)))
        }
        if json {
            let docs = results.map { exec, r in
                HostJSON(
                    host: exec.host, status: exec.status, timed_out: exec.timedOut, dry_run: dryRun,
                    steps: r.steps.map { .init(tier: $0.tier, name: $0.name, result: $0.result, bytes: $0.bytes, note: $0.note) },
                    step_bytes: r.stepBytes, freed_bytes: dryRun ? nil : r.freedBytes,
                    disk_percent_before: r.before?.percent, disk_percent_after: r.after?.percent)
            }
            CLIContext.out(try StructuredOutput.json(ListDocument("hosts", docs)))
        }
        var rows: [[String]] = []
        var lines: [String] = []
        for (exec, report) in results where !json {
            for s in report.steps {
                rows.append([exec.host, s.tier, s.name, s.result, s.bytes > 0 ? UsageFormat.bytes(s.bytes) : "-", s.note])
            }
            lines.append(CleanService.summary(exec, report, dryRun: dryRun))
        }
        if !json {
            CLIContext.out(TextTable(header: ["HOST", "TIER", "STEP", "RESULT", "SIZE", "NOTE"], rows: rows).render() + lines.joined(separator: "\n") + "\n")
        }
        if !ExecSummary(results.map(\.0)).allSucceeded { throw ExitCode(1) }
    }
}
