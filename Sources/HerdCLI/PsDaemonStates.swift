import Foundation
import HerdCore
import HerdStore
import HerdDaemonClient
import HerdService

/// `herd ps` and a running daemon: the daemon reconciles live jobs every tick (recording them in the same
/// database), so when it answers within a short bound its states are the freshest there are and `ps` asks no host
/// itself. Kept apart from `JobService`'s own bounded pass, which runs when no daemon answers.
enum PsDaemonStates {
    /// How long `herd ps` waits for the daemon before reconciling on its own.
    static let bound: Duration = .milliseconds(800)

    /// The local jobs with the daemon's states applied (jobs it does not know keep theirs); nil when no daemon
    /// answered (or the database cannot be read).
    static func pass(context: ServiceContext) async -> Reconciliation? {
        guard let jobs = await fresher(home: context.home, read: { try context.jobStore().jobs(all: true) }) else { return nil }
        return Reconciliation(jobs: jobs)
    }

    /// `read()`'s jobs with the daemon's states applied; nil when no daemon answered or `read` failed.
    static func fresher(home: HerdHome, read: () throws -> [Job]) async -> [Job]? {
        let states: [DaemonJobState]
        do throws(DaemonError) {
            states = try await DaemonClient(home: home, timeout: bound).jobs()
        } catch {
            return nil
        }
        guard let jobs = try? read() else { return nil }
        let byID = Dictionary(states.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return jobs.map { job in byID[job.id]?.applied(to: job) ?? job }
    }
}
