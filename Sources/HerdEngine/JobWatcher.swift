import Foundation
import HerdCore
import HerdRemote

/// Asks hosts about jobs over their persistent agent session (the one `SessionProber` keeps for probes): job states
/// (`jobs UUID…`) and log bytes from an offset (`log UUID OFFSET MAX`), a round trip on an open connection instead
/// of a new ssh per question. When the session cannot be started or ends, the question goes once as a one-shot
/// ssh, under the per-host channel budget (`ChannelBudget`); a session that times out is not asked twice.
public struct JobWatcher: Sendable {
    /// The sessions (shared with the prober when the caller passes the engine's).
    public let sessions: SessionProber
    public let options: SSHOptions
    public let runner: any CommandRunner
    public let ssh: String

    public init(sessions: SessionProber, runner: any CommandRunner = ProcessRunner()) {
        self.sessions = sessions
        self.options = sessions.options
        self.runner = runner
        ssh = sessions.ssh
    }

    /// The `@@job UUID …` lines for `ids` on `host` (text for `JobReport.parse`). Ids must be well formed.
    public func states(_ ids: [String], on host: Host, timeout: Duration = .seconds(10)) async throws -> String {
        guard ids.allSatisfy(Job.isWellFormedID) else { throw LogChunk.Failure(message: "not a job id") }
        let lines = try await ask(host, "jobs", ids, timeout: timeout)
        return lines.joined(separator: "\n") + "\n"
    }

    /// At most `max` bytes of job `id`'s log on `host` from byte `offset`, with the log's size and the job's state.
    public func log(_ id: String, on host: Host, from offset: UInt64, max: Int, timeout: Duration = .seconds(15)) async throws -> LogChunk {
        guard Job.isWellFormedID(id) else { throw LogChunk.Failure(message: "not a job id") }
        return try LogChunk.parse(try await ask(host, "log", [id, String(offset), String(Swift.max(0, max))], timeout: timeout))
    }

    /// One verb on `host`: over the session, else once as a one-shot ssh (the session could not start or ended).
    private func ask(_ host: Host, _ verb: String, _ arguments: [String], timeout: Duration) async throws -> [String] {
        do {
            return try await sessions.request(host, ([verb] + arguments).joined(separator: " "), timeout: timeout)
        } catch SessionError.timeout(let t) {
            throw SessionError.timeout(t)
        } catch is SessionError {
            return try await oneShot(host, verb, arguments, timeout: timeout)
        }
    }

    /// The verb as its own ssh call (the agent's one-shot mode), holding one of the host's channels.
    private func oneShot(_ host: Host, _ verb: String, _ arguments: [String], timeout: Duration) async throws -> [String] {
        let (exe, args) = HostCommandLine.argv(host, AgentScript.command(verb: verb, arguments), options: options, ssh: ssh, extra: [])
        let runner = self.runner
        let r = try await ChannelBudget.shared.withChannel(host.ssh) {
            try await runner.run(exe, args, input: nil, timeout: timeout)
        }
        if r.timedOut { throw SessionError.timeout(timeout) }
        let lines = r.stdoutText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if r.status == 255 && !host.isLocal { throw SessionError.closed(reason: SSHFailure.classify(status: r.status, stderr: r.stderrText).1) }
        return lines.last == "" ? Array(lines.dropLast()) : lines
    }
}
