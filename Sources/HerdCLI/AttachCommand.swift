import ArgumentParser
import HerdCore
import HerdService

/// `herd attach ID`: the job's tmux session on this terminal (Ctrl+B D detaches); for an ended job, the tail of
/// its log and its final status.
struct AttachCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attach", abstract: "Attach to a job's tmux session.",
        discussion: """
            A job that ended shows the last lines of its output and its status instead, and herd exits with the \
            job's exit code (so it does after an attach during which the job ended).
            """)

    @Argument(help: "The job id (any unique prefix).")
    var id: String

    func run() async throws {
        let service = JobService(context: CLIContext().services)
        var job = try service.job(id)
        let host = try service.host(of: job)
        job = try await service.refreshed(job, on: host)
        switch job.status {
        case .done, .failed, .stopped:
            try await JobFlow.after(job, on: host, service: service, sawEnd: false)
        case .unknown:
            throw HerdError.remote("job \(job.shortID): \(TerminalText.line(job.statusText))")
        case .running, .launching:
            try await JobFlow.attach(job, on: host, service: service)
        }
    }
}
