import ArgumentParser
import Foundation
import HerdCore
import HerdRemote
import HerdService

/// `herd ps`: jobs, pueue style: live ones, then those that ended recently (failed first). A local read that
/// never waits on a host: a running daemon's states when one answers; otherwise the hosts of live jobs get a short
/// wait (`--wait`, 50 ms) together, and the ones still silent are rechecked by one background pass
/// (`JobService.recheck`) while `ps` prints their jobs' last recorded state, marked stale with its age.
struct PsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ps", abstract: "List jobs: running ones and those that ended recently; --all for every job.",
        discussion: """
            Without --all: the live jobs, then at most \(JobListing.recentLimit) jobs that ended in the last 24 hours, \
            failed ones first, then stopped, then done (newest end first). Durations read H:MM:SS. With a running \
            `herd serve`, its states are shown (it checks live jobs every tick). Otherwise the hosts of live jobs \
            are asked, all at once, for at most --wait (50 ms: a host with an open connection answers in a few ms); \
            a host that does not answer in that time keeps its jobs' last known state, marked stale (CHECKED: how \
            long ago its host last answered), and is rechecked by one background pass: the next `herd ps` shows \
            what it found. --wait 0 asks no host; --wait 10s waits for every host (scripts that need fresh states).
            """)

    /// How long `herd ps` waits for the hosts of live jobs, all together, unless `--wait` says otherwise.
    static let bound: Duration = .milliseconds(50)

    @Flag(help: "Every job, ended ones too.")
    var all = false

    @Flag(help: "Print JSON.")
    var json = false

    @Option(help: "How long to wait for the hosts of live jobs (default 50ms; 0: ask none; 10s: wait for every host).",
            transform: DurationOption.seconds)
    var wait: Double?

    /// The background pass itself (started by `herd ps`, not by hand): reconcile every live job, print nothing.
    @Flag(help: .hidden)
    var recheck = false

    func validate() throws {
        if let wait, !(wait.isFinite && wait >= 0 && wait <= 3600) {
            throw ValidationError("--wait must be between 0 and 1h")
        }
    }

    func run() async throws {
        let context = CLIContext()
        let service = JobService(context: context.services)
        if recheck {
            _ = try? await service.recheck()
            return
        }
        let pass: Reconciliation
        if let fromDaemon = await PsDaemonStates.pass(context: context.services) {
            pass = fromDaemon
        } else if wait == 0 {
            pass = try service.known()
        } else {
            pass = try await service.reconcile(within: wait.map { .milliseconds(Int(($0 * 1000).rounded())) } ?? Self.bound)
        }
        if !pass.staleHosts.isEmpty, !service.recheckRunning { Self.startRecheck() }
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
            let status = j.statusText + (pass.isStale(j) ? " (stale: \(j.host) did not answer; rechecking)" : "")
            let checked = j.checkedAt.map { UsageFormat.age(max(0, now.timeIntervalSince($0))) + " ago" } ?? "-"
            return [j.shortID, j.host, cwd, cmd, status, JobListing.duration(JobListing.elapsed(j, now: now)), checked]
        }
        CLIContext.out(TextTable(header: ["ID", "HOST", "CWD", "COMMAND", "STATUS", "DURATION", "CHECKED"], rows: rows).render())
    }

    /// Leaves one background pass (`herd ps --recheck`, detached) to ask the hosts that did not answer in time
    /// (not started while one runs; one started meanwhile gives up at once on the home's lock). Best effort: a failure to start it changes
    /// nothing `ps` shows.
    static func startRecheck() {
        guard let herd = DetachedProcess.ownExecutable else { return }
        _ = try? DetachedProcess.start(herd, ["ps", "--recheck"])
    }
}
