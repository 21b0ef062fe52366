import Foundation
import HerdCore
import HerdEngine
import HerdStore

extension JobService {
    /// The host a run goes to: the one named, the best placed one (with the fit score), or the roster's default
    /// host (the implicit local host when the roster is empty).
    public func chooseHost(_ request: RunRequest) async throws -> (host: Host, placedScore: Int?) {
        let (roster, hosts) = try RosterService(context: context).effectiveHosts()
        if request.place {
            let ranked = try await PlacementService(context: context).place(request.needs, hosts: hosts).candidates
            guard let best = ranked.first(where: \.fits), let h = hosts.first(where: { $0.name == best.host }) else {
                let why = ranked.map { "\($0.host): \($0.reasons.joined(separator: "; "))" }.joined(separator: " | ")
                throw HerdError.invalidInput("no host fits \(request.needs.summary): \(why)")
            }
            return (h, best.score)
        }
        if let name = request.host { return (try TargetSelector.single(name, in: hosts), nil) }
        if let name = roster.defaultHost, let h = roster.host(named: name) { return (h, nil) }
        if roster.isEmpty, let local = hosts.first { return (local, nil) }
        throw HerdError.invalidInput("no host given and no default host (set one with: herd host default NAME)")
    }

    /// A new job for `request` on `host`, recorded as `launching` before anything happens on the host, with its
    /// reservation in the same transaction (refused with the reasons when the host cannot take it, unless
    /// `force`): a job that starts there is always in the database, and a refusal leaves nothing to undo.
    public func record(_ request: RunRequest, on host: Host) async throws -> Job {
        let job = Job(
            id: UUID().uuidString.lowercased(), host: host.name, command: request.command, clientCwd: request.cwd, startedAt: Date(),
            status: .launching)
        if request.reserves {
            _ = try await ReservationService(context: context).reserve(
                host, needs: request.needs, ttl: nil, note: "job \(job.shortID)", force: request.force, jobID: job.id, job: job)
        } else {
            try context.jobStore().insert(job)
        }
        return job
    }

    /// Syncs (when `sync`) and launches `job`, recorded as `launching`, then marks it running. `interruption`
    /// stops the sync; any failure or interruption removes the work dir and job dir on the host, the record and
    /// the reservation before this returns.
    public func start(_ job: Job, on host: Host, sync: Bool, interruption: LaunchInterruption = LaunchInterruption()) async -> LaunchOutcome {
        let manager: JobManager
        do { manager = try self.manager() } catch { return .failed(error: error, problems: []) }
        let work = Task { try await manager.start(job, on: host, source: sync ? job.clientCwd : nil, label: job.clientCwd) }
        interruption.hold(work)
        let result = await work.result
        if case .success = result, !interruption.isCancelled {
            do {
                try manager.store.finishLaunch(job)
                return .started(warning: nil)
            } catch {
                return .started(warning: "job \(job.shortID) runs on \(host.name), but its record could not be finished (\(error)); "
                    + "it shows as launching until herd ps finds it running")
            }
        }
        let problems = await manager.abandon(job, on: host)
        if interruption.isCancelled { return .interrupted(problems: problems) }
        if case .failure(let error) = result { return .failed(error: error, problems: problems) }
        return .interrupted(problems: problems)
    }

    /// The whole run for a face without a terminal (HTTP, MCP): choose the host, record, sync and launch.
    /// Returns the running job; a failure throws, naming what could not be undone.
    public func run(_ request: RunRequest) async throws -> Job {
        let host = try await chooseHost(request).host
        let job = try await record(request, on: host)
        switch await start(job, on: host, sync: request.sync) {
        case .started:
            return try context.jobStore().job(id: job.id) ?? job
        case .interrupted(let problems):
            throw HerdError.remote((["job \(job.shortID) was not started on \(host.name)"] + problems).joined(separator: "; "))
        case .failed(let error, let problems):
            if problems.isEmpty { throw error }
            throw HerdError.remote(([(error as? HerdError)?.description ?? "\(error)"] + problems).joined(separator: "; "))
        }
    }

    /// A warning before copying a large tree from `dir` (file count and bytes, .git included); nil when small.
    public static func preflight(_ dir: String, fileLimit: Int = 20_000, byteLimit: UInt64 = 2 << 30) -> String? {
        guard let e = FileManager.default.enumerator(at: URL(fileURLWithPath: dir), includingPropertiesForKeys: [.fileSizeKey, .isRegularFileKey])
        else { return nil }
        var files = 0
        var bytes: UInt64 = 0
        for case let url as URL in e {
            guard let v = try? url.resourceValues(forKeys: [.fileSizeKey, .isRegularFileKey]), v.isRegularFile == true else { continue }
            files += 1
            bytes += UInt64(v.fileSize ?? 0)
            if files > fileLimit * 5 { break }
        }
        guard files > fileLimit || bytes > byteLimit else { return nil }
        return "syncing a large tree: \(files) files, \(UsageFormat.bytes(bytes)) in \(dir) (before ignores); add a .herdignore or use -n"
    }
}
