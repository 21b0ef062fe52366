import ArgumentParser
import HerdCore

/// `herd host add NAME TARGET`: adds a host to the roster.
struct HostAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a host.",
        discussion: "TARGET is user@host, user@host:port or an ssh_config alias."
    )

    @Argument(help: "Roster name: letters, digits, '.', '_', '-'; at most 64 characters.")
    var name: String

    @Argument(help: "user@host, user@host:port, or an ssh_config alias.")
    var target: String

    @Flag(help: "herd may use sudo on this host (clean, init).")
    var sudo = false

    @Flag(help: "Dedicated: never picked by 'all', @tag or placement; only when named.")
    var dedicated = false

    @Flag(name: .customLong("no-clean"), help: "Never clean this host.")
    var noClean = false

    @Option(name: .customLong("desc"), help: "A description.")
    var description: String = ""

    @Option(name: .customLong("tag"), help: "A tag for @tag selectors (repeatable).")
    var tags: [String] = []

    @Flag(name: .customLong("allow-duplicate"), help: "Add even when another roster host already reaches the same user@host:port.")
    var allowDuplicate = false

    func run() async throws {
        let host = Host(
            name: name, ssh: target, sudo: sudo, shared: !dedicated, clean: !noClean,
            description: description, tags: tags
        )
        let context = CLIContext()
        let added = try context.roster.update { roster in
            if !allowDuplicate { try DuplicateTarget.refuse(host, in: roster, context: context) }
            return try roster.add(host)
        }
        CLIContext.out("added \(added.name) (\(added.ssh))\(added.dedicated ? " [ded]" : "")\n")
    }
}
