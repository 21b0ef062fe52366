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
        if !follow {
            sink.write(.stdout, try await service.log(job, on: host))
            sink.finish()
            return
        }
        let interrupt = SignalExit()
        let status = try await service.follow(job, on: host) { kind, data in sink.write(kind, data) }
        sink.finish()
        withExtendedLifetime(interrupt) {}
        if status != 0 { throw ExitCode(1) }
    }
}
