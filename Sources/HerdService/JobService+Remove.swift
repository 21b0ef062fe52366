import Foundation
import HerdCore
import HerdEngine

extension JobService {
    /// Removes `job`: its tmux session, job dir and work dir on its host, then its record and reservation;
    /// audited as `rm <id>`. A live job is asked about first; a running or launching one is refused unless
    /// `force`. When its host left the roster only the record goes: the result says so (`hostMissing`), and the
    /// audit line says `record-only`.
    public func remove(_ job: Job, force: Bool = false) async throws -> (job: Job, hostMissing: Bool) {
        let manager = try self.manager()
        let host = try RosterService(context: context).effectiveHosts().1.first { $0.name == job.host }
        var job = job
        if job.status.isLive, let host {
            job = settle(await manager.reconcile([job], hosts: [host])).first ?? job
        }
        if job.status == .running && !force {
            throw HerdError.invalidInput("job \(job.shortID) is running on \(job.host): herd stop \(job.shortID) first, or rm --force")
        }
        if job.status == .launching && !force {
            throw HerdError.invalidInput("job \(job.shortID) is being launched on \(job.host) (or its herd run died): rm --force removes it")
        }
        let removed = job
        try await AuditService(context: context).audited("rm \(job.shortID)", hosts: [job.host]) { audit in
            try await manager.remove(removed, on: host)
            audit?.record(removed.host, status: host == nil ? "record-only" : "0")
        }
        return (job, host == nil)
    }

    /// What `removeEnded` did.
    public struct RemovedJobs: Sendable {
        /// Jobs removed.
        public var count = 0
        /// Bytes freed on the hosts (du's figure).
        public var bytes: UInt64 = 0
        /// Hosts no longer in the roster whose ended jobs lost only their records, with how many.
        public var recordsOnly: [(host: String, count: Int)] = []
        /// One line per host that failed.
        public var failures: [String] = []
    }

    /// Removes every ended job (on `hostName`, or everywhere): asked about first, then per host in one agent
    /// call each; audited as `rm --done` per host. An unknown host with no job records is an error.
    public func removeEnded(on hostName: String?) async throws -> RemovedJobs {
        let manager = try self.manager()
        let hosts = try RosterService(context: context).effectiveHosts().1
        var jobs = try context.jobStore().jobs(all: true).filter { hostName == nil || $0.host == hostName }
        if let hostName, !hosts.contains(where: { $0.name == hostName }), jobs.isEmpty {
            throw HerdError.invalidInput("no host '\(hostName)' in the roster or in the job records")
        }
        jobs = settle(await manager.reconcile(jobs, hosts: hosts))
        let ended = Dictionary(grouping: jobs.filter { !$0.status.isLive }, by: \.host)
        var out = RemovedJobs()
        try await AuditService(context: context).audited("rm --done", hosts: ended.keys.sorted()) { audit in
            for name in ended.keys.sorted() {
                let list = ended[name] ?? []
                guard let host = hosts.first(where: { $0.name == name }) else {
                    // The host left the roster: only the records go (what stays there is named).
                    for j in list { try manager.store.forget(jobID: j.id) }
                    out.count += list.count
                    out.recordsOnly.append((name, list.count))
                    audit?.record(name, status: "record-only")
                    continue
                }
                do {
                    let r = try await manager.removeEnded(list, on: host)
                    out.count += r.removed.count
                    out.bytes = Saturating.add(out.bytes, r.bytes)
                    audit?.record(name, status: "0")
                } catch {
                    out.failures.append(TerminalText.line((error as? HerdError)?.description ?? "\(error)"))
                    audit?.record(name, status: "1")
                }
            }
        }
        return out
    }
}
