import Foundation
import HerdCore
import HerdEngine
import HerdStore

extension JobService {
    /// One reconciliation pass (what a daemon runs every tick, and `herd ps` with a short bound):
    /// 1. expired reservations go;
    /// 2. the hosts of the live jobs are asked how they are, all at once. A host that answers (or fails at once:
    ///    refused, not in the roster) has its jobs recorded as it says (`unknown` with the reason when it
    ///    failed); with a `bound`, a host that gives no answer within it keeps its jobs' last state, and is
    ///    listed in `staleHosts`. Without one, each host has 10 s and a silent host's jobs become `unknown`;
    /// 3. a job that ended gives its reservation back, and a reservation whose job no longer exists is a leak:
    ///    reported and released.
    ///
    /// Each host's answer is recorded, and the reservations of its jobs that ended are given back, as soon as it
    /// comes: a silent host (10 s without a bound) never holds the other hosts' states or reservations back.
    public func reconcile(within bound: Duration? = nil) async throws -> Reconciliation {
        let store = try context.jobStore()
        let hosts = try RosterService(context: context).effectiveHosts().1
        let expired = try store.purgeExpired()
        let before = try store.reservations()
        let jobs = try store.jobs(all: true)
        let recorder = try manager()
        var current = jobs
        var released: [Reservation] = []
        let stale = await check(jobs, hosts: hosts, bound: bound, with: recorder) { answered in
            current = recorder.record(answered, in: current)
            let ended = Set(answered.filter { !$0.status.isLive }.map(\.id))
            for r in before where r.jobID.map(ended.contains) == true && !released.contains(r) {
                guard let id = r.jobID, (try? store.release(jobID: id)) != nil else { continue }
                released.append(r)
            }
        }
        var leaks: [Reservation] = []
        for r in try store.reservations() {
            guard let id = r.jobID else { continue }
            guard let job = try store.job(id: id) else {
                try store.release(jobID: id)
                leaks.append(r)
                continue
            }
            if !job.status.isLive {
                try store.release(jobID: id)
                released.append(r)
            }
        }
        let remaining = Set(try store.reservations().map(\.id))
        let leaked = Set(leaks.map(\.id))
        released += before.filter { $0.jobID != nil && !remaining.contains($0.id) && !leaked.contains($0.id) && !released.contains($0) }
        return Reconciliation(jobs: current, staleHosts: stale, released: released, expired: expired, leaks: leaks)
    }

    /// Asks the hosts of the live jobs among `jobs` through `manager`, all at once, handing each host's jobs as it said to
    /// `answered` as soon as it answers (not recorded); returns, with a bound, the hosts that gave no answer within
    /// it (their jobs are not handed on).
    func check(_ jobs: [Job], hosts: [Host], bound: Duration?, with manager: JobManager, answered: ([Job]) -> Void) async -> Set<String> {
        let live = jobs.filter(\.status.isLive)
        var stale: Set<String> = []
        await withTaskGroup(of: (String, [Job], JobManager.CheckOutcome).self) { group in
            for (name, list) in Dictionary(grouping: live, by: \.host) {
                let host = hosts.first { $0.name == name }
                group.addTask {
                    let r = await manager.check(list, on: host, name: name, timeout: bound ?? .seconds(10), watcher: watcher)
                    return (name, r.jobs, r.outcome)
                }
            }
            for await (name, list, outcome) in group {
                if bound != nil, case .timedOut = outcome { stale.insert(name) } else { answered(list) }
            }
        }
        return stale
    }
}
