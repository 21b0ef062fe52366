import ArgumentParser
import Foundation
import HerdCore
import HerdService

/// `herd status`: reachability and probe latency per host. Exits 1 when any host is down.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Reachability and latency of each host (exit 1 if any is down).")

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @OptionGroup var probe: ProbeOptions
    @OptionGroup var cache: CachedOption

    @Argument(help: "Hosts (default: every host).")
    var targets: String?

    /// One row of `herd status --json`.
    struct Row: Encodable {
        var name: String
        var status: String
        var latency_ms: Double?
        var reasons: [String]
    }

    func run() async throws {
        let context = CLIContext()
        let hosts = try RosterService(context: context.services).hosts(selector: targets)
        let (snapshot, source) = try await CachedRead.snapshot(hosts, cached: cache.cached, context: context, config: probe.config)
        if json {
            let rows = snapshot.hosts.map {
                Row(name: $0.host.name, status: $0.status.rawValue, latency_ms: $0.latencyMs.map { ($0 * 10).rounded() / 10 }, reasons: $0.reasons)
            }
            CLIContext.out(try CachedRead.json(ListDocument("hosts", rows), source))
        } else {
            CachedRead.note(source)
            let rows = snapshot.hosts.map { s in
                [s.host.name, s.status.isUp ? "up" : s.status.rawValue, UsageFormat.millis(s.latencyMs), s.reasons.joined(separator: "; ")]
            }
            CLIContext.out(TextTable(header: ["NAME", "STATUS", "LATENCY", "DETAIL"], rows: rows).render())
        }
        let agg = snapshot.aggregates
        if agg.up < agg.hosts { throw ExitCode(1) }
    }
}
