import Foundation
import HerdCore
import HerdService
import HerdTUI

extension DashboardApp {
    /// `:run HOST CMD`: starts CMD as a detached job without sync through `JobService.run`, the same use case as
    /// `herd run -d -n HOST -- CMD` (record, reservation, clean-up on failure); nothing reaches the curses screen
    /// but the new job id, or the failure's one line, in the status line.
    static func startJob(host: String, command: String, jobs: JobService, queue: EventQueue) {
        queue.post(.message("starting a job on \(host)…"))
        let request = RunRequest(command: [command], host: host, cwd: FileManager.default.currentDirectoryPath, sync: false)
        Task.detached {
            do {
                let job = try await jobs.run(request)
                queue.post(.message("job \(job.shortID) started on \(host)"))
            } catch {
                let why = (error as? HerdError)?.description ?? "\(error)"
                queue.post(.message(":run failed: " + TerminalText.line(why)))
            }
        }
    }
}
