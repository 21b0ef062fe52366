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
        let sink = TerminalSink(raw: raw)
        // Installs or updates the agent (the script travels on stdin), and answers whether the job is known.
        let r = try await ctx.manager.agent(host, follow ? "status" : "log", [job.id])
        guard r.status == 0 else {
            throw HerdError.remote("\(host.name): \(TerminalText.line(r.stderrText.trimmingCharacters(in: .whitespacesAndNewlines)))")
        }
        if !follow {
            sink.write(.stdout, r.stdout)
            sink.finish()
            return
        }
        // The follow runs the installed agent with a stdin herd holds open and never writes: when herd goes away
        // (Ctrl-C, killed), the wrapper sees EOF and ends the follow loop on the host.
        let line = "exec /bin/sh \"$HOME/.herd/bin/agent\" follow \(ShellQuote.quote(job.id))"
        let (exe, args) = ctx.manager.remote(host, RemoteCommand.wrapped([line], timeoutSeconds: 0, stopOnEOF: true))
        let interrupt = SignalExit()
        let f = try await ProcessRunner().stream(
            exe, args, input: nil, timeout: nil, newProcessGroup: host.isLocal, options: StreamOptions(captureLimit: 0, holdStdin: true)
        ) { kind, data in sink.write(kind, data) }
        sink.finish()
        withExtendedLifetime(interrupt) {}
        if f.status != 0 { throw ExitCode(1) }
    }
}
