import ArgumentParser
import Foundation
import HerdCore
import HerdService

/// `herd ps`: jobs, pueue style: live ones, then those that ended recently (failed first). A local read that
/// never waits long on a host: the hosts of live jobs get `boundSeconds` together to say how their jobs are;
/// one that stays silent keeps its jobs' last recorded state, shown stale with its age.
struct PsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ps", abstract: "List jobs: running ones and those that ended recently; --all for every job.",
        discussion: """
            Without --all: the live jobs, then at most \(JobListing.recentLimit) jobs that ended in the last 24 hours, \
            failed ones first, then stopped, then done (newest end first). Durations read H:MM:SS. The hosts of live \
            jobs are asked how they are, all at once, for at most 1.2 s (herd ps takes about 1.5 s overall then); a host that does not answer in that time \
            keeps its jobs' last known state, marked stale (CHECKED: how long ago its host last answered).
            """)

    /// How long `herd ps` waits for the hosts of live jobs, all together.
    static let bound: Duration = .milliseconds(1200)

    @Flag(help: "Every job, ended ones too.")
    var all = false

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        let context = CLIContext()
        let pass: Reconciliation
        if let fromDaemon = await PsDaemonStates.pass(context: context.services) {
            pass = fromDaemon
        } else {
            pass = try await JobService(context: context.services).reconcile(within: Self.bound)
        }
        for line in pass.leakLines { CLIContext.warn(line) }
        let now = Date()
        let jobs = JobListing.ordered(pass.jobs, all: all, now: now)
        if json {
            CLIContext.out(try StructuredOutput.json(ListDocument("jobs", jobs.map { JobRow($0, now: now, stale: pass.isStale($0)) })))
            return
        }
        let home = NSHomeDirectory()
        let rows = jobs.map { j -> [String] in
            let cwd = j.clientCwd.hasPrefix(home) ? "~" + j.clientCwd.dropFirst(home.count) : j.clientCwd
            var cmd = RemoteCommand.shellText(j.command).replacingOccurrences(of: "\n", with: " ")
            if cmd.count > 40 { cmd = String(cmd.prefix(39)) + "…" }
            let status = j.statusText + (pass.isStale(j) ? " (stale: \(j.host) did not answer)" : "")
            let checked = j.checkedAt.map { UsageFormat.age(max(0, now.timeIntervalSince($0))) + " ago" } ?? "-"
            return [j.shortID, j.host, cwd, cmd, status, JobListing.duration(JobListing.elapsed(j, now: now)), checked]
        }
        CLIContext.out(TextTable(header: ["ID", "HOST", "CWD", "COMMAND", "STATUS", "DURATION", "CHECKED"], rows: rows).render())
    }
}
