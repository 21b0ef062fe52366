import ArgumentParser
import HerdCore

/// `herd host set NAME …`: changes a host's flags, target or tags.
struct HostSetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set", abstract: "Change a host's settings.")

    /// `--shared` / `--dedicated`.
    enum Sharing: String, EnumerableFlag { case shared, dedicated }

    @Argument(help: "The host.")
    var name: String

    @Flag(help: "Shared (taken by 'all') or dedicated (only when named).")
    var sharing: Sharing?

    @Flag(inversion: .prefixedNo, help: "Whether herd may clean this host.")
    var clean: Bool?

    @Flag(inversion: .prefixedNo, help: "Whether herd may use sudo on this host.")
    var sudo: Bool?

    @Option(help: "A new ssh target.")
    var target: String?

    @Option(name: .customLong("add-tag"), help: "Add a tag (repeatable).")
    var addTags: [String] = []

    @Option(name: .customLong("rm-tag"), help: "Remove a tag (repeatable).")
    var removeTags: [String] = []

    func validate() throws {
        if sharing == nil && clean == nil && sudo == nil && target == nil && addTags.isEmpty && removeTags.isEmpty {
            throw ValidationError("nothing to set: give --shared/--dedicated, --[no-]clean, --[no-]sudo, --target, --add-tag or --rm-tag")
        }
    }

    func run() async throws {
        let updated = try CLIContext().roster.update { roster -> Host in
            try roster.update(name) { host in
                if let sharing { host.shared = sharing == .shared }
                if let clean { host.clean = clean }
                if let sudo { host.sudo = sudo }
                if let target { host.ssh = try SSHTarget(parsing: target).description }
                for t in addTags where !host.tags.contains(t) { host.tags.append(t) }
                host.tags.removeAll { removeTags.contains($0) }
            }
            return roster.host(named: name)!
        }
        let flags = [updated.dedicated ? "dedicated" : "shared", updated.clean ? "clean" : "no-clean", updated.sudo ? "sudo" : "no-sudo"]
        CLIContext.out("\(updated.name) (\(updated.ssh)): \(flags.joined(separator: ", "))\(updated.tags.isEmpty ? "" : "; tags " + updated.tags.joined(separator: ","))\n")
    }
}
