import ArgumentParser
import Foundation
import HerdCore
import HerdService

/// `herd ls`: the hosts with live load, RAM, GPU and disk (`--fast`: the roster only, no ssh).
struct LsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls",
        abstract: "List hosts with live load, RAM, GPU and disk.",
        discussion: """
            Each host is probed over ssh (ControlMaster sockets in $HERD_HOME/ctl stay up for 10 minutes, so the \
            next call is warm). A host that does not answer within --timeout is shown down; the others are not held up. \
            With an empty roster the local machine is listed as the single host 'local'.
            """
    )

    @Flag(help: "Roster only: no ssh, no live columns.")
    var fast = false

    @OptionGroup var format: OutputFormatOptions
    @OptionGroup var probe: ProbeOptions
    @OptionGroup var cache: CachedOption

    @Option(name: .customLong("exclude"), help: "Hosts to leave out (same syntax as TARGETS).")
    var exclude: [String] = []

    @Argument(help: "Hosts: a name, a,b,c, tb[01-32], @tag or all (default: every host).")
    var targets: String?

    func validate() throws {
        if fast && cache.cached { throw ValidationError("--fast and --cached cannot be used together (--fast reads the roster only)") }
    }

    func run() async throws {
        let context = CLIContext()
        let (roster, all) = try context.effectiveHosts()
        let hosts = try RosterService.select(targets, exclude: exclude, in: all)
        if fast {
            let doc = RosterDocument(defaultHost: roster.defaultHost, hosts: hosts)
            if format.json { return CLIContext.out(try StructuredOutput.json(doc)) }
            if format.yaml { return CLIContext.out(try StructuredOutput.yaml(doc)) }
            return CLIContext.out(HostListing.table(hosts, defaultHost: roster.defaultHost).render())
        }
        let (snapshot, source) = try await CachedRead.snapshot(hosts, cached: cache.cached, context: context, config: probe.config)
        let now = Date()
        if format.json || format.yaml {
            let doc = SnapshotDocument(snapshot, now: now, totals: false)
            CLIContext.out(format.json ? try CachedRead.json(doc, source) : try CachedRead.yaml(doc, source))
        } else {
            CachedRead.note(source)
            let table = TextTable(
                header: HostListing.liveHeader,
                rows: snapshot.hosts.map { HostListing.liveRow($0, defaultHost: roster.defaultHost, now: now) })
            CLIContext.out(table.render())
            for s in snapshot.hosts where !s.reasons.isEmpty {
                CLIContext.warn("\(s.host.name) \(s.status.rawValue): \(s.reasons.joined(separator: "; "))")
            }
        }
    }
}
