import ArgumentParser
import Foundation
import HerdCore
import HerdRemote
import HerdService

/// What `herd run` and `herd attach` share: attaching to a job's session, and what follows once the terminal
/// is back (the job's summary and exit code when it ended, how to come back when it runs on).
enum JobFlow {
    /// Attaches this terminal to `job`'s tmux session on `host`, then finishes as `after` does.
    static func attach(_ job: Job, on host: Host, service: JobService) async throws {
        let (exe, args) = try service.attachCommand(job, on: host)
        let status = try InteractiveProcess.run(exe, args)
        try await after(job, on: host, service: service, sawEnd: status == 0)
    }

    /// Once the terminal is back: asks the host how `job` is. When it ended, prints the log's tail (unless the
    /// user saw the end in the session: `sawEnd`) and the summary, and exits with the job's exit code (1 when it
    /// is not known); when it runs on, says how to come back; when its host cannot say, says why and exits 1.
    static func after(_ job: Job, on host: Host, service: JobService, sawEnd: Bool) async throws {
        let j = try await service.refreshed(job, on: host)
        switch j.status {
        case .running, .launching:
            CLIContext.warn("detached from \(j.shortID): herd logs \(j.shortID), herd attach \(j.shortID)")
            // The attach itself failed (ssh, tmux) while the job runs on: ssh or tmux said why.
            if !sawEnd { throw ExitCode(1) }
        case .unknown:
            // herd cannot tell how the job is (its host did not answer): said, and not a success.
            CLIContext.warn(JobListing.summary(j, now: Date()))
            throw ExitCode(1)
        case .done, .failed, .stopped:
            if !sawEnd { try await showEnd(j, on: host, service: service) }
            CLIContext.out(JobListing.summary(j, now: Date()) + "\n")
            let code = j.exitCode ?? 1
            if code != 0 { throw ExitCode(Int32(clamping: code)) }
        }
    }

    /// The last lines of an ended job's log (through `TerminalText`), for a session that is gone.
    static func showEnd(_ job: Job, on host: Host, service: JobService, lines: Int = 20) async throws {
        let text = try await service.tail(job, on: host, lines: lines)
        CLIContext.out("--- last \(lines) lines of \(job.shortID)'s output ---\n")
        CLIContext.out(TerminalText.lines(text) + (text.isEmpty || text.hasSuffix("\n") ? "" : "\n"))
    }
}
