import ArgumentParser
import Foundation
import HerdCore
import HerdService

/// `herd snapshot`: every host's status and usage plus cluster totals, as JSON (default) or YAML.
struct SnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot", abstract: "All hosts' facts, status and cluster aggregates as JSON or YAML.")

    @OptionGroup var format: OutputFormatOptions
    @OptionGroup var probe: ProbeOptions
    @OptionGroup var cache: CachedOption

    @Argument(help: "Hosts (default: every host).")
    var targets: String?

    func run() async throws {
        let context = CLIContext()
        let hosts = try RosterService(context: context.services).hosts(selector: targets)
        let (snapshot, source) = try await CachedRead.snapshot(hosts, cached: cache.cached, context: context, config: probe.config)
        let reserved = try SnapshotService(context: context.services).reservedRAM()
        let doc = SnapshotDocument(snapshot, now: Date(), totals: true, reserved: reserved)
        CLIContext.out(format.yaml ? try CachedRead.yaml(doc, source) : try CachedRead.json(doc, source))
    }
}
