import ArgumentParser
import Foundation
import HerdCore
import HerdService

/// `herd wait ID…`: blocks until the jobs end, then exits with their status: the largest exit code, 0 when all
/// were 0, 1 for a job whose end is unknown (its host went away or is no longer in the roster).
struct WaitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wait", abstract: "Wait until jobs end; exit with their status.",
        discussion: """
            One ssh call per host (over its ControlMaster) runs a loop in the job agent that returns when the jobs \
            ended, so herd does not poll. Prints each job's summary. Exit status: the largest exit code of the jobs, \
            0 when all exited 0; 1 when a job's end cannot be known.
            """)

    @Argument(help: "Job ids (any unique prefix).")
    var ids: [String]

    func validate() throws {
        if ids.isEmpty { throw ValidationError("give one or more job ids") }
    }

    func run() async throws {
        let service = JobService(context: CLIContext().services)
        var jobs: [Job] = []
        for id in ids {
            let j = try service.job(id)
            if !jobs.contains(where: { $0.id == j.id }) { jobs.append(j) }
        }
        let ended = try await service.wait(jobs)
        let now = Date()
        for j in ended { CLIContext.out(JobListing.summary(j, now: now) + "\n") }
        let code = Self.status(of: ended)
        if code != 0 { throw ExitCode(code) }
    }

    /// The exit status for `jobs`: the largest exit code of the ended ones, 1 for any without a known code.
    static func status(of jobs: [Job]) -> Int32 {
        var worst: Int32 = 0
        for j in jobs {
            let code: Int32
            switch j.status {
            case .done, .failed, .stopped: code = j.exitCode.map { Int32(clamping: $0) } ?? 1
            default: code = 1
            }
            worst = max(worst, code)
        }
        return worst
    }
}
