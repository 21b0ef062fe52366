import Foundation

/// Which output stream (stdout or stderr) a chunk came from.
public enum OutputKind: Sendable, Equatable {
    case stdout, stderr
}

/// Runs a local program to completion. The real one is `ProcessRunner`; unit tests inject fakes.
public protocol CommandRunner: Sendable {
    /// Runs `executable` with `arguments`, feeding `input` on stdin (or /dev/null), killing it after `timeout`.
    func run(_ executable: String, _ arguments: [String], input: Data?, timeout: Duration?) async throws -> CommandResult

    /// Like `run`, but hands output to `onOutput` as it arrives; with `newProcessGroup` the child gets a process
    /// group of its own.
    func stream(
        _ executable: String, _ arguments: [String], input: Data?, timeout: Duration?, newProcessGroup: Bool,
        onOutput: @escaping @Sendable (OutputKind, Data) -> Void
    ) async throws -> CommandResult
}

extension CommandRunner {
    /// For runners that cannot stream: the whole output is handed over once the program ends.
    public func stream(
        _ executable: String, _ arguments: [String], input: Data?, timeout: Duration?, newProcessGroup: Bool,
        onOutput: @escaping @Sendable (OutputKind, Data) -> Void
    ) async throws -> CommandResult {
        let r = try await run(executable, arguments, input: input, timeout: timeout)
        if !r.stdout.isEmpty { onOutput(.stdout, r.stdout) }
        if !r.stderr.isEmpty { onOutput(.stderr, r.stderr) }
        return r
    }
}
