import Foundation
import HerdCore
import HerdRemote

/// A `CommandRunner` standing in for ssh and the job agent: each host (found by its ssh target in the argv) has a
/// scripted answer to `status`, or stays silent until the caller's timeout (a frozen host), or fails as ssh does.
final class FakeAgentRunner: CommandRunner, @unchecked Sendable {
    /// How a host behaves.
    enum Behaviour {
        /// Answers every asked job with this agent line tail (`running`, `done 0 0`, `missing`).
        case answer([String: String])
        /// Never answers: the call ends at the caller's timeout, timed out.
        case silent
        /// Refuses at once, as ssh does for a host that is down (exit 255).
        case refused
        /// Launches every job it is asked to (`@@launched ID`), removes every job (`@@removed ID 0`).
        case launches
        /// The job agent fails every verb with this last line on stderr (exit 1).
        case agentFails(String)
    }

    private let lock = NSLock()
    private var behaviours: [String: Behaviour]
    private(set) var calls: [String] = []

    init(_ behaviours: [String: Behaviour]) { self.behaviours = behaviours }

    func run(_ executable: String, _ arguments: [String], input: Data?, timeout: Duration?) async throws -> CommandResult {
        let host = behaviours.keys.first { target in arguments.contains { $0 == target || $0.hasSuffix("@" + target) } }
        let behaviour = lock.withLock { () -> Behaviour? in
            calls.append(host ?? "?")
            return host.flatMap { behaviours[$0] }
        }
        switch behaviour {
        case .answer(let states)?:
            let text = states.map { "@@job \($0.key) \($0.value)" }.joined(separator: "\n") + "\n"
            return CommandResult(status: 0, stdout: Data(text.utf8))
        case .silent?:
            try? await Task.sleep(for: timeout ?? .seconds(60))
            return CommandResult(status: -1, timedOut: true, duration: timeout ?? .seconds(60))
        case .launches?:
            let id = arguments.lazy.flatMap { $0.split(separator: " ") }.first { Job.isWellFormedID(String($0)) }.map(String.init) ?? "?"
            return CommandResult(status: 0, stdout: Data("@@launched \(id)\n@@removed \(id) 0\n".utf8))
        case .agentFails(let line)?:
            return CommandResult(status: 1, stderr: Data("\(line)\n".utf8))
        case .refused?, nil:
            return CommandResult(status: 255, stderr: Data("ssh: connect to host x port 22: Connection refused\n".utf8))
        }
    }
}
