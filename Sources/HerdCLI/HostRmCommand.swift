import ArgumentParser
import Foundation
import HerdCore
import HerdService
import HerdStore

/// `herd host rm NAME`: removes a host from the roster, refused while jobs really run on it (asked of the host,
/// not read from a record that may be stale).
struct HostRmCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm", abstract: "Remove a host.",
        discussion: """
            Refused while jobs run on the host: herd asks the host first, so a record still saying `running` for a \
            job that ended does not block. A host that does not answer is refused with the reason unless --force.
            """)

    @Argument(help: "The host to remove.")
    var name: String

    @Flag(help: "Remove the host even when it does not answer about its jobs.")
    var force = false

    func run() async throws {
        let context = CLIContext()
        if FileManager.default.fileExists(atPath: context.home.root.appendingPathComponent("herd.db").path) {
            let service = JobService(context: context.services)
            let live = try service.list(all: false).filter { $0.host == name }
            if !live.isEmpty {
                let checked = try await service.refreshed(live)
                let running = checked.filter { $0.status == .running || $0.status == .launching }
                if !running.isEmpty {
                    throw HerdError.invalidInput(
                        "host '\(name)' has running jobs: \(running.map(\.shortID).joined(separator: ", ")); stop or rm them first")
                }
                let unsure = checked.filter { $0.status == .unknown }
                if !unsure.isEmpty && !force {
                    let why = unsure.first?.reason.map { TerminalText.line($0) } ?? "no answer"
                    throw HerdError.invalidInput(
                        "host '\(name)' could not say whether its jobs \(unsure.map(\.shortID).joined(separator: ", ")) still run "
                            + "(\(why)); --force removes it anyway")
                }
            }
        }
        try context.roster.update { try $0.remove(name) }
        CLIContext.out("removed \(name)\n")
    }
}
