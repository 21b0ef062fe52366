import ArgumentParser
import Foundation
import HerdCore

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
        let context = CLIContext()
        let (added, isDefault) = try context.roster.update { roster in
            if !allowDuplicate { try DuplicateTarget.refuse(host, in: roster, context: context) }
            return try HostAddNaming.add(host, to: &roster)
        }
        let os = noProbe ? "" : await recordOS(added, context: context)
        CLIContext.out("added \(added.name) (\(added.ssh))\(added.dedicated ? " [ded]" : "")\(isDefault ? ", the default host" : "")\(os)\n")
    }

    /// Probes the new host's OS within `HostOSProbe.bound` and stores it; returns the note for the "added" line.
    /// The host stays added whatever the probe says.
    private func recordOS(_ host: Host, context: CLIContext) async -> String {
        // A connection of its own (no ControlMaster): adding a host leaves no ssh process behind.
        var options = context.sshOptions
        options.controlDir = nil
        switch await HostOSProbe.probe(host, options: options) {
        case .success(let os):
            do {
                _ = try context.roster.update { try $0.update(host.name) { $0.os = os } }
            } catch {
                return "; OS \(os) not recorded: \(error)"
            }
            return "; OS \(os)"
        case .failure(let why):
            return "; OS unknown: \(why)"
        }
    }
}
