import ArgumentParser
import Foundation
import HerdCore
import HerdService

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
        let service = JobService(context: CLIContext().services)
        let job = try service.job(id)
        let host = try service.host(of: job)
        let sink = TerminalSink(raw: raw)
        // Chunks from an offset over one agent session (one ssh channel, counted in the per-host cap): memory stays
        // bounded whatever the log's size. Ctrl-C or a kill closes the session's stdin, which ends the agent.
        let interrupt = SignalExit()
        let shortID = job.shortID
        defer { sink.finish() }
        try await service.readLog(job, on: host, follow: follow) { event in
            switch event {
            case .bytes(let d): sink.write(.stdout, d)
            case .reset: StandardStream.err("herd: the log of job \(shortID) was truncated or rewritten; showing it again from its start\n")
            case .ended: break
            }
        }
        withExtendedLifetime(interrupt) {}
    }
}
