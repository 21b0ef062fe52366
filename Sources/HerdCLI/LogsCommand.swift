import ArgumentParser
import Foundation
import HerdCore
import HerdEngine
import HerdRemote

/// `herd logs ID [-f]`: a job's output, optionally followed until it ends.
struct LogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs", abstract: "Show a job's output (-f: follow it).",
        discussion: """
            On a terminal the output keeps its colours but loses every other escape sequence and control; --raw \
            passes it unchanged, as does a pipe or a file. Ctrl-C ends -f on the host too.
            """)

    @Argument(help: "The job id (any unique prefix).")
    var id: String

    @Flag(name: [.customShort("f"), .customLong("follow")], help: "Keep printing new output until the job ends.")
    var follow = false

    @Flag(help: "Pass the output to the terminal unchanged (escape sequences included).")
    var raw = false

    func run() async throws {
        let ctx = try JobContext()
        let job = try ctx.job(id)
        let host = try ctx.host(of: job)
        guard Job.isWellFormedID(job.id) else { throw HerdError.invalidInput("job \(job.shortID) has a damaged record (herd rm \(job.shortID))") }
        let sink = TerminalSink(raw: raw)
        // One agent session to the host (one ssh channel, counted in the per-host cap); the log comes in chunks from
        // an offset, so memory stays bounded whatever its size. Ctrl-C or a kill closes the session's stdin, which
        // ends the agent on the host.
        let interrupt = SignalExit()
        let sessions = SessionProber(options: ctx.cli.sshOptions)
        let follower = JobLogFollower(watcher: JobWatcher(sessions: sessions))
        let shortID = job.shortID
        do {
            try await ChannelBudget.shared.withChannel(host.ssh) {
                try await follower.follow(job.id, on: host, follow: follow) { event in
                    switch event {
                    case .bytes(let d): sink.write(.stdout, d)
                    case .reset: StandardStream.err("herd: the log of job \(shortID) was truncated or rewritten; showing it again from its start\n")
                    case .ended: break
                    }
                }
            }
        } catch {
            sink.finish()
            await sessions.shutdown()
            throw HerdError.remote("\(host.name): could not read the log of job \(shortID): \(TerminalText.line("\(error)"))")
        }
        sink.finish()
        await sessions.shutdown()
        withExtendedLifetime(interrupt) {}
    }
}
