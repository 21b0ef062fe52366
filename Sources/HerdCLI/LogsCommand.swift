import ArgumentParser
import Foundation
import HerdCore
import HerdEngine
import HerdRemote

/// `herd logs ID [-f]`: a job's output, optionally followed until it ends.
struct LogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "logs", abstract: "Show a job's output (-f: follow it).")

    @Argument(help: "The job id (any unique prefix).")
    var id: String

    @Flag(name: [.customShort("f"), .customLong("follow")], help: "Keep printing new output until the job ends.")
    var follow = false

    func run() async throws {
        let ctx = try JobContext()
        let job = try ctx.job(id)
        let host = try ctx.host(of: job)
        if !follow {
            let r = try await ctx.manager.agent(host, "log", [job.id])
            guard r.status == 0 else { throw HerdError.remote("\(host.name): \(r.stderrText.trimmingCharacters(in: .whitespacesAndNewlines))") }
            CLIContext.out(r.stdoutText)
            return
        }
        let (exe, args) = ctx.manager.remote(host, JobAgent.command("follow", [job.id]))
        let r = try await ProcessRunner().stream(exe, args, input: Data(JobAgent.source.utf8), timeout: nil, newProcessGroup: false) { kind, data in
            StandardStream.write(data, fd: kind == .stdout ? STDOUT_FILENO : STDERR_FILENO)
        }
        if r.status != 0 { throw ExitCode(1) }
    }
}
