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

    /// Like `stream`, with control over stdin and over how much output the result keeps (`StreamOptions`).
    func stream(
        _ executable: String, _ arguments: [String], input: Data?, timeout: Duration?, newProcessGroup: Bool,
        options: StreamOptions, onOutput: @escaping @Sendable (OutputKind, Data) -> Void
    ) async throws -> CommandResult
}

/// How `CommandRunner.stream` treats stdin and how much output it keeps in the result.
public struct StreamOptions: Sendable, Equatable {
    /// Bytes of stdout and of stderr each kept in the `CommandResult`; what comes past it is only counted
    /// (`stdoutDropped`, `stderrDropped`). Streamed output (`onOutput`) is never cut.
    public var captureLimit: Int
    /// Keeps the child's stdin a pipe, open (after `input`) until the child exits: the child sees EOF only when
    /// herd goes away (interrupted, killed), which is how a remote command learns that nobody is waiting for it.
    public var holdStdin: Bool

    public init(captureLimit: Int = .max, holdStdin: Bool = false) {
        self.captureLimit = max(0, captureLimit)
        self.holdStdin = holdStdin
    }
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

    /// For runners without stdin control (test fakes): `stream` with the capture limit applied afterwards.
    public func stream(
        _ executable: String, _ arguments: [String], input: Data?, timeout: Duration?, newProcessGroup: Bool,
        options: StreamOptions, onOutput: @escaping @Sendable (OutputKind, Data) -> Void
    ) async throws -> CommandResult {
        var r = try await stream(executable, arguments, input: input, timeout: timeout, newProcessGroup: newProcessGroup, onOutput: onOutput)
        if r.stdout.count > options.captureLimit {
            r.stdoutDropped = r.stdout.count - options.captureLimit
            r.stdout = r.stdout.prefix(options.captureLimit)
        }
        if r.stderr.count > options.captureLimit {
            r.stderrDropped = r.stderr.count - options.captureLimit
            r.stderr = r.stderr.prefix(options.captureLimit)
        }
        return r
    }
}
