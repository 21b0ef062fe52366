import Foundation
import HerdRemote
import HerdTUI

extension DashboardApp {
    /// `:run HOST CMD`: starts CMD as a detached job without sync by running `herd run -d -n HOST -- CMD` (this
    /// binary), so the launch is the CLI's one use case (record, reservation, clean-up on failure); its output
    /// never reaches the curses screen. The new job id, or the failure's last line, shows in the status line.
    static func startJob(host: String, command: String, queue: EventQueue) {
        let exe = Bundle.main.executablePath ?? CommandLine.arguments[0]
        queue.post(.message("starting a job on \(host)…"))
        Task.detached {
            do {
                let r = try await ProcessRunner().run(exe, ["run", "-d", "-n", host, "--", command], input: nil, timeout: .seconds(120))
                let id = r.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
                if r.status == 0 {
                    queue.post(.message("job \(id.prefix(40)) started on \(host)"))
                } else {
                    let why = r.stderrText.split(whereSeparator: \.isNewline).last.map(String.init) ?? "exit \(r.status)"
                    queue.post(.message(":run failed: " + why))
                }
            } catch {
                queue.post(.message(":run failed: \(error)"))
            }
        }
    }
}
