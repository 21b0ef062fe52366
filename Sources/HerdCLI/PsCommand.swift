import ArgumentParser
import Foundation
import HerdCore
import HerdEngine

/// `herd ps`: jobs, pueue style: live ones, then those that ended recently (failed first). Live jobs are checked
/// with their hosts first.
struct PsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ps", abstract: "List jobs: running ones and those that ended recently; --all for every job.",
        discussion: """
            Without --all: the live jobs, then at most \(JobListing.recentLimit) jobs that ended in the last 24 hours, \
            failed ones first, then stopped, then done (newest end first). Durations read H:MM:SS.
            """)

    @Flag(help: "Every job, ended ones too.")
    var all = false

    @Flag(help: "Print JSON.")
    var json = false

    /// One job of `herd ps --json`.
    struct Row: Encodable {
        var id, host, cwd, status: String
        var command: [String]
        var exit_code: Int?
        var started_at: Date
        var ended_at: Date?
        var duration_seconds: Double
        /// Why the job is unknown, when it is.
        var reason: String?
    }

    func run() async throws {
        let ctx = try JobContext()
        var jobs = try ctx.store.jobs(all: true)
        if let fresh = await PsDaemonStates.fresher(jobs, home: ctx.cli.home) {
            jobs = fresh
        } else {
            jobs = await ctx.manager.reconcile(jobs, hosts: ctx.hosts)
        }
        let now = Date()
        jobs = JobListing.ordered(jobs, all: all, now: now)
        if json {
            CLIContext.out(try StructuredOutput.json(ListDocument("jobs", jobs.map {
                Row(id: $0.id, host: $0.host, cwd: $0.clientCwd, status: $0.status.rawValue, command: $0.command, exit_code: $0.exitCode,
                    started_at: $0.startedAt, ended_at: $0.endedAt,
                    duration_seconds: (($0.endedAt ?? now).timeIntervalSince($0.startedAt) * 10).rounded() / 10,
                    reason: $0.reason)
            })))
            return
        }
        let home = NSHomeDirectory()
        let rows = jobs.map { j -> [String] in
            let cwd = j.clientCwd.hasPrefix(home) ? "~" + j.clientCwd.dropFirst(home.count) : j.clientCwd
            var cmd = RemoteCommand.shellText(j.command).replacingOccurrences(of: "\n", with: " ")
            if cmd.count > 40 { cmd = String(cmd.prefix(39)) + "…" }
            return [j.shortID, j.host, cwd, cmd, j.statusText, JobListing.duration(JobListing.elapsed(j, now: now))]
        }
        CLIContext.out(TextTable(header: ["ID", "HOST", "CWD", "COMMAND", "STATUS", "DURATION"], rows: rows).render())
    }
}
