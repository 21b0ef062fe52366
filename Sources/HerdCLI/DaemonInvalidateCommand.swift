import ArgumentParser

/// `herd daemon invalidate`: makes the running daemon drop its cached snapshot (the next read waits for a round).
struct DaemonInvalidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invalidate", abstract: "Ask the running daemon to drop its cached snapshot (exit 1 if none runs).")

    func run() async throws {
        try await DaemonControl.post("/v1/invalidate", done: "cache invalidated")
    }
}
