import ArgumentParser
import Foundation
import HerdCore
import HerdRemote
import HerdService

/// `herd ps`: jobs, pueue style: live ones, then those that ended recently (failed first). A local read that
/// never waits on a host: a running daemon's states when one answers; otherwise what the database holds, and the
/// hosts whose live jobs were last confirmed longer ago than `JobService.freshness` are rechecked by one background pass
/// (`JobService.recheck`), so the next `ps` shows what they said. `--wait D` asks the hosts itself for up to D.
struct PsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ps", abstract: "List jobs: running ones and those that ended recently; --all for every job.",
        discussion: """
            Without --all: the live jobs, then at most \(JobListing.recentLimit) jobs that ended in the last 24 hours, \
            failed ones first, then stopped, then done (newest end first). Durations read H:MM:SS. herd ps never \
            waits on a host: with a running `herd serve` it shows the daemon's states (it checks live jobs every \
            tick); otherwise it shows what herd last heard (CHECKED: how long ago), marks a live job stale when its \
            host has not confirmed it in the last \(Int(JobService.freshness)) s, and leaves one background pass to ask those hosts: the next \
            `herd ps` shows what they said. --wait 10s asks the hosts of live jobs itself, all at once, for up to \
            10 s (scripts that need fresh states); a host silent that long keeps its jobs' last known state, stale.
            """)

    @Flag(help: "Every job, ended ones too.")
    var all = false

    @Flag(help: "Print JSON.")
    var json = false

    @Option(help: "Ask the hosts of live jobs and wait up to this long for them (e.g. 2s); by default no host is asked.",
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
        } else if let wait, wait > 0 {
            pass = try await service.reconcile(within: .milliseconds(Int((wait * 1000).rounded())))
        } else {
            pass = try service.known()
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
            let status = j.statusText + (pass.isStale(j) ? " (stale: rechecking \(j.host))" : "")
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
