import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs local programs to completion, watched by the one `ProcessMonitor` thread (never on the cooperative pool).
///
/// On timeout the process gets SIGTERM, then SIGKILL one second later; when the calling task is cancelled, SIGTERM. Output is read until EOF, but no
/// longer than `drainGrace` after exit, so a grandchild that keeps a pipe open never stalls the caller.
public struct ProcessRunner: CommandRunner {
    /// Extra variables for the child's environment (on top of the inherited one).
    public var environment: [String: String]
    /// How long to keep reading output after the process exited.
    public var drainGrace: Duration

    public init(environment: [String: String] = [:], drainGrace: Duration = .milliseconds(200)) {
        self.environment = environment
        self.drainGrace = drainGrace
    }

    public func run(_ executable: String, _ arguments: [String], input: Data?, timeout: Duration?) async throws -> CommandResult {
        try await launch(executable, arguments, input: input, timeout: timeout, newProcessGroup: false, onOutput: nil)
    }

    public func stream(
        _ executable: String, _ arguments: [String], input: Data?, timeout: Duration?, newProcessGroup: Bool,
        onOutput: @escaping @Sendable (OutputKind, Data) -> Void
    ) async throws -> CommandResult {
        try await launch(executable, arguments, input: input, timeout: timeout, newProcessGroup: newProcessGroup, onOutput: onOutput)
    }

    public func stream(
        _ executable: String, _ arguments: [String], input: Data?, timeout: Duration?, newProcessGroup: Bool,
        options: StreamOptions, onOutput: @escaping @Sendable (OutputKind, Data) -> Void
    ) async throws -> CommandResult {
        try await launch(
            executable, arguments, input: input, timeout: timeout, newProcessGroup: newProcessGroup, options: options, onOutput: onOutput)
    }

    private func launch(
        _ executable: String, _ arguments: [String], input: Data?, timeout: Duration?, newProcessGroup: Bool,
        options: StreamOptions = StreamOptions(), onOutput: (@Sendable (OutputKind, Data) -> Void)?
    ) async throws -> CommandResult {
        let env = environment.isEmpty ? nil : ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let child = try ChildProcess.spawn(
            executable, arguments, environment: env, pipeStdin: input != nil || options.holdStdin, newProcessGroup: newProcessGroup)
        let grace = drainGrace
        // A cancelled task stops its program (SIGTERM; the usual result, with its status, still comes back).
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                ProcessMonitor.shared.add(ProcessMonitor.Watch(
                    child: child, input: input, timeout: timeout, drainGrace: grace, captureLimit: options.captureLimit,
                    holdStdin: options.holdStdin, onOutput: onOutput, completion: { continuation.resume(returning: $0) }))
            }
        } onCancel: {
            child.signal(SIGTERM)
        }
    }
}
