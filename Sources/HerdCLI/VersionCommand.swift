import ArgumentParser

/// `herd version`: the same line as `herd --version` (release number and build commit).
struct VersionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print herd's version and the commit it was built from.")

    func run() async throws {
        CLIContext.out("herd \(HerdVersion.current)\n")
    }
}
