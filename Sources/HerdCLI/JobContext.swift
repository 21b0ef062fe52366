import Foundation
import HerdCore
import HerdEngine
import HerdStore

/// What the job commands share: the job database, the manager, and finding jobs and their hosts.
struct JobContext {
    let cli: CLIContext
    let roster: Roster
    let hosts: [Host]
    let store: JobStore
    let manager: JobManager

    init() throws {
        cli = CLIContext()
        (roster, hosts) = try cli.effectiveHosts()
        try cli.home.ensureControlDir()
        store = try JobStore(home: cli.home)
        manager = JobManager(store: store, options: cli.sshOptions)
    }

    /// The one job whose id starts with `prefix`; an unknown or ambiguous prefix is an error listing candidates.
    func job(_ prefix: String) throws -> Job {
        guard !prefix.isEmpty, prefix.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
            throw HerdError.invalidInput("'\(prefix)' is not a job id (hex digits, any unique prefix)")
        }
        let matches = try store.jobs(prefix: prefix)
        if matches.isEmpty { throw HerdError.invalidInput("no job '\(prefix)' (see herd ps --all)") }
        if matches.count > 1 {
            let list = matches.prefix(8).map { "\($0.shortID) (\($0.host): \(RemoteCommand.shellText($0.command).prefix(30)))" }
            throw HerdError.invalidInput("job id '\(prefix)' is ambiguous: \(list.joined(separator: ", "))")
        }
        return matches[0]
    }

    /// The roster host a job runs on (the implicit local host too).
    func host(of job: Job) throws -> Host {
        if let h = hosts.first(where: { $0.name == job.host }) { return h }
        throw HerdError.invalidInput("job \(job.shortID) ran on '\(job.host)', which is no longer in the roster")
    }
}
