import ArgumentParser
import HerdCore

/// `herd ls`: the roster as a table, JSON or YAML.
struct LsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls",
        abstract: "List hosts.",
        discussion: "With an empty roster the local machine is listed as the single host 'local'."
    )

    @Flag(help: "Roster only, no ssh (the only mode until live probes land).")
    var fast = false

    @OptionGroup var format: OutputFormatOptions

    @Option(name: .customLong("exclude"), help: "Hosts to leave out (same syntax as TARGETS).")
    var exclude: [String] = []

    @Argument(help: "Hosts: a name, a,b,c, tb[01-32], @tag or all (default: every host).")
    var targets: String?

    func run() async throws {
        let context = CLIContext()
        let (roster, all) = try context.effectiveHosts()
        let selector = try targets.map { try TargetSelector($0, exclude: exclude) } ?? TargetSelector.every(exclude: exclude)
        let hosts = try selector.resolve(in: all)
        if format.json {
            CLIContext.out(try StructuredOutput.json(hosts))
        } else if format.yaml {
            CLIContext.out(try StructuredOutput.yaml(hosts))
        } else {
            CLIContext.out(HostListing.table(hosts, defaultHost: roster.defaultHost).render())
        }
    }
}
