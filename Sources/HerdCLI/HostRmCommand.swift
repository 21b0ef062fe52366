import ArgumentParser
import Foundation
import HerdCore
import HerdStore

/// `herd host rm NAME`: removes a host from the roster (refused while jobs run on it).
struct HostRmCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rm", abstract: "Remove a host.")

    @Argument(help: "The host to remove.")
    var name: String

    func run() async throws {
        let context = CLIContext()
        if FileManager.default.fileExists(atPath: context.home.root.appendingPathComponent("herd.db").path) {
            let running = try JobStore(home: context.home).jobs(all: false).filter { $0.host == name }
            if !running.isEmpty {
                throw HerdError.invalidInput(
                    "host '\(name)' has running jobs: \(running.map(\.shortID).joined(separator: ", ")); stop or rm them first")
            }
        }
        try context.roster.update { try $0.remove(name) }
        CLIContext.out("removed \(name)\n")
    }
}
