import Foundation
import HerdCore
import HerdEngine
import HerdService
import HerdStore

/// What the job commands share: the job service, the roster's hosts, and the database and manager under them.
struct JobContext {
    let cli: CLIContext
    let roster: Roster
    let hosts: [Host]
    let service: JobService
    let store: JobStore
    let manager: JobManager

    init() throws {
        cli = CLIContext()
        (roster, hosts) = try cli.effectiveHosts()
        service = JobService(context: cli.services)
        store = try cli.services.jobStore()
        manager = try service.manager()
    }

    /// The one job whose id starts with `prefix`; an unknown or ambiguous prefix is an error listing candidates.
    func job(_ prefix: String) throws -> Job { try service.job(prefix) }

    /// The roster host a job runs on (the implicit local host too).
    func host(of job: Job) throws -> Host { try JobService.host(of: job, in: hosts) }
}
