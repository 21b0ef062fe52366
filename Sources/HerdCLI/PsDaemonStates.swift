import Foundation
import HerdCore
import HerdDaemonClient
import HerdStore

/// `herd ps` and a running daemon: the daemon reconciles live jobs every tick, so when it answers (within a short
/// bound) its states are the freshest there are and `ps` asks no host itself.
enum PsDaemonStates {
    /// How long `herd ps` waits for the daemon before reconciling on its own.
    static let bound: Duration = .milliseconds(800)

    /// `jobs` with the daemon's states applied (jobs it does not know keep theirs); nil when no daemon answered.
    static func fresher(_ jobs: [Job], home: HerdHome) async -> [Job]? {
        let states: [DaemonJobState]
        do throws(DaemonError) {
            states = try await DaemonClient(home: home, timeout: bound).jobs()
        } catch {
            return nil
        }
        let byID = Dictionary(states.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return jobs.map { job in byID[job.id]?.applied(to: job) ?? job }
    }
}
