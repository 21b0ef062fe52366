import ArgumentParser
import Foundation
import HerdCore

/// `herd host import FILE`: adds the hosts of a pool.json, p config.yaml, axis nodes.yaml or ssh_config.
struct HostImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import hosts from pool.json, p config.yaml, axis nodes.yaml or an ssh_config.",
        discussion: """
            The format is detected from the content. Hosts already in the roster (same name) are skipped; a host whose \
            target (user@host:port once ssh_config is applied) is already in the roster or earlier in the file is \
            reported as a duplicate and not added. A value of the wrong type is rejected, never coerced. An ssh_config's \
            Include lines are followed (relative to ~/.ssh, globs, at most 16 deep). Files over 8 MiB are refused.
            """
    )

    @Argument(help: "The file to read.")
    var file: String

    @Flag(help: "Report what would be added; change nothing.")
    var dryRun = false

    func run() async throws {
        let text = try RosterImport.readBounded(file)
        let parsed = try RosterImport.parse(text, file: file)
        let context = CLIContext()
        let resolution = parsed.resolution.followed(by: RosterImport.userResolution(configFile: context.sshOptions.configFile))
        let user = ProcessInfo.processInfo.environment["USER"] ?? NSUserName()
        var found = parsed
        var newDefault: String?
        func apply(_ roster: inout Roster) throws -> (added: [Host], skipped: [Host]) {
            found = parsed.removingDuplicates(of: roster.hosts, resolution: resolution, defaultUser: user)
            var added: [Host] = [], skipped: [Host] = []
            for host in found.hosts {
                if roster.host(named: host.name) != nil { skipped.append(host); continue }
                added.append(try roster.add(host))
            }
            // The file's default host (p's default_worker) becomes herd's when herd has none.
            if roster.defaultHost == nil, let d = found.defaultHost, roster.host(named: d) != nil {
                try roster.setDefault(d)
                newDefault = d
            }
            return (added, skipped)
        }
        let outcome: (added: [Host], skipped: [Host])
        if dryRun {
            var copy = try context.roster.load()
            outcome = try apply(&copy)
        } else {
            outcome = try context.roster.update { try apply(&$0) }
        }
        var report = ""
        for h in outcome.added { report += "\(dryRun ? "would add" : "added")  \(h.name) (\(h.ssh))\n" }
        for h in outcome.skipped { report += "skipped  \(h.name) (already present)\n" }
        for d in found.duplicates { report += "duplicate \(Self.visible(d.name)): \(Self.visible(d.reason))\n" }
        for r in found.rejected { report += "rejected \(Self.visible(r.name)): \(Self.visible(r.reason))\n" }
        if let newDefault { report += "\(dryRun ? "would set" : "set") the default host: \(newDefault)\n" }
        report += "\(file) (\(found.format.rawValue)): \(outcome.added.count) \(dryRun ? "would be added" : "added"), "
            + "\(outcome.skipped.count) skipped, \(found.duplicates.count) duplicate, \(found.rejected.count) rejected\n"
        CLIContext.out(TerminalText.lines(report))
    }

    /// A name from the file with control characters shown as `?`, so a rejected entry cannot forge report lines.
    static func visible(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : $0 }))
    }
}
