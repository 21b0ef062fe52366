import ArgumentParser
import Foundation
import HerdCore
import HerdEngine

/// `herd ps`: jobs, docker ps style. Live jobs are checked with their hosts first.
struct PsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ps", abstract: "List jobs (running ones; --all for every job).")

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
        jobs = await ctx.manager.reconcile(jobs, hosts: ctx.hosts)
        if !all { jobs = jobs.filter(\.status.isLive) }
        let now = Date()
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
            return [j.shortID, j.host, cwd, cmd, j.statusText, Self.duration((j.endedAt ?? now).timeIntervalSince(j.startedAt))]
        }
        CLIContext.out(TextTable(header: ["ID", "HOST", "CWD", "COMMAND", "STATUS", "DURATION"], rows: rows).render())
    }

    /// "45s", "12m03s", "3h07m".
    static func duration(_ s: TimeInterval) -> String {
        let t = max(0, Saturating.int(s))
        if t < 60 { return "\(t)s" }
        if t < 3600 { return String(format: "%dm%02ds", t / 60, t % 60) }
        return String(format: "%dh%02dm", t / 3600, (t % 3600) / 60)
    }
}
