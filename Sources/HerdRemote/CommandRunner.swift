import Foundation

/// Runs a local program to completion. The real one is `ProcessRunner`; unit tests inject fakes.
public protocol CommandRunner: Sendable {
    /// Runs `executable` with `arguments`, feeding `input` on stdin (or /dev/null), killing it after `timeout`.
    func run(_ executable: String, _ arguments: [String], input: Data?, timeout: Duration?) async throws -> CommandResult
}
