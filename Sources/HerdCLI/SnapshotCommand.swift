import ArgumentParser
import Foundation
import HerdCore

/// `herd snapshot`: every host's status and usage plus cluster totals, as JSON (default) or YAML.
struct SnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot", abstract: "All hosts' facts, status and cluster aggregates as JSON or YAML.")

    @OptionGroup var format: OutputFormatOptions
    @OptionGroup var probe: ProbeOptions

    @Argument(help: "Hosts (default: every host).")
    var targets: String?

    /// The document `herd snapshot` prints.
    struct Document: Encodable {
        var taken_at: String
        var hosts: [LiveHostRow]
        var aggregates: Snapshot.Aggregates
    }

    func run() async throws {
        let context = CLIContext()
        let (_, all) = try context.effectiveHosts()
        let hosts = try (targets.map { try TargetSelector($0) } ?? TargetSelector.every()).resolve(in: all)
        let snapshot = try await context.probeOnce(hosts, config: probe.config)
        let now = Date()
        let doc = Document(
            taken_at: ISO8601DateFormatter().string(from: snapshot.takenAt),
            hosts: snapshot.hosts.map { LiveHostRow(state: $0, now: now) },
            aggregates: snapshot.aggregates)
        CLIContext.out(format.yaml ? try StructuredOutput.yaml(doc) : try StructuredOutput.json(doc))
    }
}
