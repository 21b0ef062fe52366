import ArgumentParser
import Foundation
import HerdCore
import HerdService

/// `herd host add [NAME] TARGET`: adds a host to the roster (named after TARGET's host part when NAME is left
/// out); the first host becomes the default when none is set.
struct HostAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a host.",
        discussion: """
            TARGET is user@host, user@host:port or an ssh_config alias. Without NAME the host is named after \
            TARGET's host part (user@gpu1.lab:2222 is gpu1.lab). When the roster has no default host, this one \
            becomes it. herd asks the host its OS (uname -s) and records it when the host answers within 3 s; \
            otherwise the host is added with the OS unknown. A target another roster host already reaches is \
            refused unless --allow-duplicate.
            """
    )

    @Argument(help: "Roster name: letters, digits, '.', '_', '-'; at most 64 characters (default: TARGET's host part).")
    var name: String

    @Argument(help: "user@host, user@host:port, or an ssh_config alias.")
    var target: String?

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

    @Flag(name: .customLong("no-probe"), help: "Do not ask the host its OS (offline or scripted adds).")
    var noProbe = false

    func run() async throws {
        let (name, target) = try HostAddNaming.resolve(first: name, second: target)
        let host = Host(
            name: name, ssh: target, sudo: sudo, shared: !dedicated, clean: !noClean,
            description: description, tags: tags
        )
        let added = try await RosterService(context: CLIContext().services).add(host, allowDuplicate: allowDuplicate, probe: !noProbe)
        let os = added.os.map { "; OS \($0)" } ?? added.osProblem.map { "; \($0)" } ?? ""
        let h = added.host
        CLIContext.out("added \(h.name) (\(h.ssh))\(h.dedicated ? " [ded]" : "")\(added.isDefault ? ", the default host" : "")\(os)\n")
    }
}
