import ArgumentParser
import HerdCore
import HerdRemote

/// `herd attach ID`: the job's tmux session on this terminal (Ctrl+B D detaches).
struct AttachCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "attach", abstract: "Attach to a job's tmux session.")

    @Argument(help: "The job id (any unique prefix).")
    var id: String

    func run() async throws {
        let ctx = try JobContext()
        let job = try ctx.job(id)
        let (exe, args) = ctx.manager.remote(try ctx.host(of: job), "exec tmux attach -t =\(job.tmuxSession)", tty: true)
        let status = try InteractiveProcess.run(exe, args)
        if status != 0 { throw ExitCode(1) }
    }
}
