import ArgumentParser
import Foundation
import HerdCore
import HerdService

/// `herd refresh`: probes hosts and records the OS each one reports in the roster.
struct RefreshCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refresh", abstract: "Re-probe hosts and record their OS in the roster.")

    @OptionGroup var probe: ProbeOptions

    @Argument(help: "Hosts (default: every host).")
    var targets: String?

    func run() async throws {
        let context = CLIContext()
        let (roster, all) = try context.effectiveHosts()
        let hosts = try RosterService.select(targets, in: all)
        let snapshot = try await SnapshotService(context: context.services).probe(hosts, config: probe.config)
        var seen = Dictionary(snapshot.hosts.compactMap { s in s.usage?.os.map { (s.host.name, $0) } }, uniquingKeysWith: { a, _ in a })
        // An OS name is stored only when it is clean text: a host's uname must not put escapes into hosts.json.
        for (name, os) in seen where TerminalText.hasControlCharacters(os) {
            CLIContext.warn("\(name) reports an OS name with control characters (\(TerminalText.line(os).prefix(40))); not stored")
            seen[name] = nil
        }
        if !roster.isEmpty {
            try context.roster.update { r in
                for (name, os) in seen where r.host(named: name) != nil { try r.update(name) { $0.os = os } }
            }
        }
        var out = ""
        for s in snapshot.hosts {
            out += s.status.isUp
                ? "\(s.host.name): \(seen[s.host.name] ?? "?")\n"
                : "\(s.host.name): \(s.status.rawValue): \(TerminalText.line(s.reasons.joined(separator: "; ")))\n"
        }
        CLIContext.out(out)
        if snapshot.aggregates.up < snapshot.hosts.count { throw ExitCode(1) }
    }
}
