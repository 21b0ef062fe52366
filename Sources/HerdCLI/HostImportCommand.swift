import ArgumentParser
import Foundation
import HerdCore

/// `herd host import FILE`: adds the hosts of a pool.json, p config.yaml, axis nodes.yaml or ssh_config.
struct HostImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import hosts from pool.json, p config.yaml, axis nodes.yaml or an ssh_config.",
        discussion: "Hosts already in the roster (same name) are skipped; the format is detected from the content."
    )

    @Argument(help: "The file to read.")
    var file: String

    @Flag(help: "Report what would be added; change nothing.")
    var dryRun = false

    func run() async throws {
        let text: String
        do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
            throw HerdError.badFile(file: file, message: "cannot read: \((error as NSError).localizedDescription)")
        }
        let found = try RosterImport.parse(text, file: file)
        let context = CLIContext()
        func apply(_ roster: inout Roster) throws -> (added: [Host], skipped: [Host]) {
            var added: [Host] = [], skipped: [Host] = []
            for host in found.hosts {
                if roster.host(named: host.name) != nil { skipped.append(host); continue }
                added.append(try roster.add(host))
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
        for r in found.rejected { report += "rejected \(r.name): \(r.reason)\n" }
        report += "\(file) (\(found.format.rawValue)): \(outcome.added.count) \(dryRun ? "would be added" : "added"), "
            + "\(outcome.skipped.count) skipped, \(found.rejected.count) rejected\n"
        CLIContext.out(TerminalText.lines(report))
    }
}
