import ArgumentParser
import HerdCore

/// `herd host desc NAME [TEXT...]`: shows or sets a host's description.
struct HostDescCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "desc",
        abstract: "Show a host's description, or set it to TEXT."
    )

    @Argument(help: "The host.")
    var name: String

    @Argument(parsing: .captureForPassthrough, help: "The new description (words are joined by spaces).")
    var text: [String] = []

    func run() async throws {
        let context = CLIContext()
        if text.isEmpty {
            let roster = try context.roster.load()
            let host = try roster.host(exactly: name)
            CLIContext.out(TerminalText.line(host.description) + "\n")
            return
        }
        let description = text.joined(separator: " ")
        try context.roster.update { try $0.update(name) { $0.description = description } }
        CLIContext.out("\(name): \(description)\n")
    }
}
