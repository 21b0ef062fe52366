import Foundation
import HerdCore
import HerdEngine
import HerdRemote
import HerdStore

/// Jobs: the use cases of `herd run`, `ps`, `stop`, `pull`, `rm`, `wait` and `attach`, and the reconciliation of
/// the job database and the reservation ledger with what hosts report. Lookups read the database only; what
/// asks a host goes through `JobManager` (HerdEngine), whose commands run through `runner` (a fake in tests).
public struct JobService: Sendable {
    public let context: ServiceContext
    public let runner: any CommandRunner
    /// Asks hosts over their persistent agent sessions (job states, log tails) when set; nil: one ssh per question.
    public let watcher: JobWatcher?

    public init(context: ServiceContext, runner: any CommandRunner = ProcessRunner(), watcher: JobWatcher? = nil) {
        self.context = context
        self.runner = runner
        self.watcher = watcher
    }

    /// The manager over this context's database and ssh options.
    public func manager() throws -> JobManager {
        try context.home.ensureControlDir()
        return JobManager(store: try context.jobStore(), options: context.sshOptions, runner: runner)
    }

    /// Every job the database knows, newest first (only live ones unless `all`); no host is asked.
    public func list(all: Bool = true) throws -> [Job] {
        try context.jobStore().jobs(all: all)
    }

    /// The one job whose id starts with `prefix`; an unknown or ambiguous prefix is an error listing candidates.
    public func job(_ prefix: String) throws -> Job {
        guard !prefix.isEmpty, prefix.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
            throw HerdError.invalidInput("'\(prefix)' is not a job id (hex digits, any unique prefix)")
        }
        let matches = try context.jobStore().jobs(prefix: prefix)
        if matches.isEmpty { throw HerdError.invalidInput("no job '\(prefix)' (see herd ps --all)") }
        if matches.count > 1 {
            let list = matches.prefix(8).map { "\($0.shortID) (\($0.host): \(RemoteCommand.shellText($0.command).prefix(30)))" }
            throw HerdError.invalidInput("job id '\(prefix)' is ambiguous: \(list.joined(separator: ", "))")
        }
        return matches[0]
    }

    /// The roster host `job` runs on (the implicit local host too).
    public func host(of job: Job) throws -> Host {
        try Self.host(of: job, in: RosterService(context: context).effectiveHosts().1)
    }

    /// The host of `hosts` that `job` runs on; an error when it left the roster.
    public static func host(of job: Job, in hosts: [Host]) throws -> Host {
        if let h = hosts.first(where: { $0.name == job.host }) { return h }
        throw HerdError.invalidInput("job \(job.shortID) ran on '\(job.host)', which is no longer in the roster")
    }

    /// The ledger's rule for every path that learns a job ended: it holds nothing any more. Gives back what the
    /// ended jobs among `jobs` held, and returns `jobs`. Best effort: a reconciliation pass gives back what a
    /// failed release left.
    @discardableResult
    func settle(_ jobs: [Job]) -> [Job] {
        guard let store = try? context.jobStore() else { return jobs }
        for j in jobs where !j.status.isLive { try? store.release(jobID: j.id) }
        return jobs
    }
}
