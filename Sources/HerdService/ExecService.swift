import Foundation
import HerdCore
import HerdEngine
import HerdRemote

/// `herd on`: a command on many hosts at once (pdsh, clush), each host with its own timeout; output streams to
/// the caller as it comes, or is kept in the results.
public struct ExecService: Sendable {
    public let context: ServiceContext

    public init(context: ServiceContext) { self.context = context }

    /// Runs `command` on `hosts`, at most `concurrency` at a time; `timeout` (nil: none) per host kills the remote
    /// command too. `input` is every host's stdin (nil: /dev/null). Each host keeps at most `captureLimit` bytes
    /// of stdout and of stderr in its result; `onOutput` gets every chunk, `onFinish` each host's result.
    public func run(
        _ command: [String], on hosts: [Host], concurrency: Int = 32, timeout: Duration?, captureLimit: Int = Fanout.defaultCaptureLimit,
        input: Data? = nil, onOutput: @escaping @Sendable (String, OutputKind, Data) -> Void = { _, _, _ in },
        onFinish: @escaping @Sendable (ExecResult) -> Void = { _ in }
    ) async throws -> [ExecResult] {
        try context.home.ensureControlDir()
        return await Fanout(options: context.sshOptions).run(
            command, on: hosts, concurrency: concurrency, timeout: timeout, captureLimit: captureLimit, input: input,
            onOutput: onOutput, onFinish: onFinish)
    }
}
