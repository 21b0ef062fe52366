import Foundation
import HerdCore
import HerdRemote
import HerdStore

/// Pushes work to hosts and follows it: sync with rsync over the host's ControlMaster, launch in tmux through
/// the job agent, reconcile the database with what hosts report, stop, remove, fetch logs and files.
public struct JobManager: Sendable {
    public let store: JobStore
    public let options: SSHOptions
    public let runner: any CommandRunner
    public let ssh: String
    public let rsync: String

    public init(store: JobStore, options: SSHOptions, runner: any CommandRunner = ProcessRunner()) {
        self.store = store
        self.options = options
        self.runner = runner
        ssh = Executable.find("ssh") ?? "/usr/bin/ssh"
        rsync = Executable.find("rsync") ?? "/usr/bin/rsync"
    }

    /// Runs a job agent verb on `host` (installing the agent first when needed).
    public func agent(_ host: Host, _ verb: String, _ arguments: [String], timeout: Duration? = .seconds(60)) async throws -> CommandResult {
        let command = JobAgent.command(verb, arguments)
        let (exe, args) = remote(host, command)
        let runner = self.runner
        return try await ChannelBudget.shared.withChannel(host.ssh) {
            try await runner.run(exe, args, input: Data(JobAgent.source.utf8), timeout: timeout)
        }
    }

    /// The program and arguments that run `command` on `host` (a login-shell command line).
    public func remote(_ host: Host, _ command: String, tty: Bool = false) -> (String, [String]) {
        HostCommandLine.argv(host, command, options: options, ssh: ssh, extra: tty ? ["-t"] : [])
    }

    /// rsync's `-e` for `host`: ssh with herd's options, quoted the way rsync splits it (spaces, quotes).
    private func rsyncShell(_ host: Host) -> [String] {
        ["-e", SSHCommand.rsyncShell(ssh: ssh, target: host.target, options: options)]
    }

    /// Copies `source` (a directory) to the job's work dir on `host`, honouring .gitignore and .herdignore files,
    /// with unchanged files hard-linked to `previous` (an earlier job's work dir from the same source).
    public func sync(_ source: String, to host: Host, job: String, previous: String?) async throws {
        var args = ["-a", "--filter=:- .gitignore", "--filter=:- .herdignore"]
        if let previous { args.append("--link-dest=../\(previous)/") }
        let dest: String
        if host.isLocal {
            let root = NSHomeDirectory() + "/.herd/workdirs"
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            dest = "\(root)/\(job)/"
        } else {
            args += rsyncShell(host)
            args.append("--rsync-path=mkdir -p .herd/workdirs && rsync")
            dest = "\(host.target.destination):.herd/workdirs/\(job)/"
        }
        args += [source.hasSuffix("/") ? source : source + "/", dest]
        let argv = args, runner = self.runner, rsync = self.rsync
        let r = try await ChannelBudget.shared.withChannel(host.ssh) {
            try await runner.run(rsync, argv, input: nil, timeout: nil)
        }
        guard r.status == 0 else {
            throw HerdError.remote("sync of \(source) to \(host.name):.herd/workdirs/\(job)/ failed: "
                + RsyncFailure.reason(status: r.status, stderr: r.stderrText, host: host.name))
        }
    }

    /// Syncs `source` (when given) to the job's work dir and starts `job`, which the caller recorded as `launching`
    /// beforehand (with its reservation, in one transaction), so a job that runs on a host is always in the
    /// database. Cancelling the task stops the sync (rsync is killed) and throws `CancellationError` before the
    /// launch; a launch that began runs to its end. On any failure the caller calls `abandon`, which removes
    /// what the attempt left on the host and in the database.
    public func start(_ job: Job, on host: Host, source: String?, label: String) async throws {
        if let source {
            let previous = try store.latest(host: host.name, cwd: job.clientCwd)
            try await sync(source, to: host, job: job.id, previous: previous?.id)
        }
        try Task.checkCancellation()
        // An unstructured task does not inherit the cancellation: a half-done launch could leave a session behind.
        try await Task { try await launch(job, on: host, label: label) }.value
    }

    /// Starts `job` in tmux on `host`; the error says why not (ssh's reason, or the agent's last line).
    public func launch(_ job: Job, on host: Host, label: String) async throws {
        let text = RemoteCommand.shellText(job.command)
        let r = try await agent(host, "launch", [job.id, job.shortID, label, text, host.name])
        guard r.status == 0, r.stdoutText.contains("@@launched \(job.id)") else {
            let why: String
            if r.status == 255 {
                why = RsyncFailure.printable(SSHFailure.classify(status: r.status, stderr: r.stderrText).1)
            } else if r.timedOut {
                why = "the launch timed out"
            } else {
                let last = RsyncFailure.printable(r.stderrText.split(whereSeparator: \.isNewline).last.map(String.init) ?? "")
                why = last.isEmpty ? "the job agent exited \(r.status)" : last
            }
            throw HerdError.remote("\(host.name): could not start the job: \(why)")
        }
    }

    /// Undoes a launch that failed or was interrupted: removes the job's session, job dir and work dir on `host`,
    /// then its record and reservation (one transaction). Returns what could not be removed, one line each.
    public func abandon(_ job: Job, on host: Host) async -> [String] {
        var problems: [String] = []
        if let why = await removeRemains(of: job, on: host) {
            problems.append("\(host.name): could not remove what job \(job.shortID) may have left there "
                + "(~/.herd/workdirs/\(job.id), ~/.herd/jobs/\(job.id)): \(why)")
        }
        do { try store.forget(jobID: job.id) } catch {
            problems.append("could not remove the record of job \(job.shortID) (\(error)): herd rm \(job.shortID)")
        }
        return problems
    }

    /// Best effort: removes job `job`'s tmux session, job dir and work dir on `host` (after a failed or
    /// interrupted launch). Runs in a process group of its own, so a second Ctrl-C does not cut it short.
    /// Returns nil when the host confirmed, else why not.
    @discardableResult
    public func removeRemains(of job: Job, on host: Host) async -> String? {
        let (exe, args) = remote(host, JobAgent.command("rm", [job.id]))
        let runner = self.runner
        do {
            let r = try await runner.stream(exe, args, input: Data(JobAgent.source.utf8), timeout: .seconds(30), newProcessGroup: true) { _, _ in }
            if r.status == 0, r.stdoutText.contains("@@removed \(job.id)") { return nil }
            return r.status == 255 ? RsyncFailure.printable(SSHFailure.classify(status: r.status, stderr: r.stderrText).1) : "the job agent exited \(r.status)"
        } catch {
            return "\(error)"
        }
    }

    /// Asks the hosts of the live jobs among `jobs` how they are, and records what changed (the reservations of
    /// jobs that ended are the ledger's business: `JobService` gives them back). Jobs on hosts that
    /// do not answer become `unknown` with the reason; they are asked again next time. What a host answers is
    /// checked by `JobReport` first: an implausible exit code or end time makes the job `unknown`, never a bad row.
    /// With `watcher`, hosts are asked over their persistent agent session (`JobWatcher`) instead of a new ssh each.
    @discardableResult
    public func reconcile(_ jobs: [Job], hosts: [Host], watcher: JobWatcher? = nil) async -> [Job] {
        let live = jobs.filter(\.status.isLive)
        var updated: [Job] = []
        await withTaskGroup(of: [Job].self) { group in
            for (name, list) in Dictionary(grouping: live, by: \.host) {
                let host = hosts.first { $0.name == name }
                group.addTask { await check(list, on: host, name: name, watcher: watcher).jobs }
            }
            for await list in group { updated += list }
        }
        return record(updated, in: jobs)
    }

    /// What a host said about its jobs: `answered` when it gave their states, `failed` when it could not be asked
    /// or refused (the jobs are `unknown` with the reason), `timedOut` when it gave no answer in time (the same).
    public enum CheckOutcome: Sendable {
        case answered, failed, timedOut
    }

    /// Asks `host` (the roster host called `name`; nil when it left the roster) how `list`, its live jobs, are,
    /// within `timeout`, and returns them updated, not recorded. Jobs it answered for get `checkedAt`. A damaged
    /// record is left as it is (shown, removable), and an odd id never reaches a host. With `watcher`, the host is
    /// asked over its persistent agent session instead of a new ssh.
    public func check(
        _ list: [Job], on host: Host?, name: String, timeout: Duration = .seconds(10), watcher: JobWatcher? = nil
    ) async -> (jobs: [Job], outcome: CheckOutcome) {
        let unknown = { (list: [Job], why: String) in list.map { JobReport.unknown(reason: why).applied(to: $0) } }
        let asked = list.filter { Job.isWellFormedID($0.id) && !$0.isDamaged }
        let bad = list.filter { !Job.isWellFormedID($0.id) || $0.isDamaged }.map {
            $0.isDamaged ? $0 : JobReport.unknown(reason: Job.damagedReason + "id").applied(to: $0)
        }
        guard let host else { return (unknown(asked, "host '\(name)' is not in the roster") + bad, .failed) }
        guard !asked.isEmpty else { return (bad, .answered) }
        if let watcher {
            let text: String
            do { text = try await watcher.states(asked.map(\.id), on: host, timeout: timeout) } catch SessionError.timeout {
                return (unknown(asked, "\(host.name): no answer within \(Self.seconds(timeout))") + bad, .timedOut)
            } catch {
                return (unknown(asked, "\(host.name) did not answer: \(error)") + bad, .failed)
            }
            let now = Date()
            return (asked.map { var j = JobReport.parse(text, id: $0.id).applied(to: $0, now: now); j.checkedAt = now; return j } + bad, .answered)
        }
        let r: CommandResult
        do {
            r = try await agent(host, "status", asked.map(\.id), timeout: timeout)
        } catch {
            return (unknown(asked, "\(host.name) did not answer: \(error)") + bad, .failed)
        }
        guard r.status == 0 else {
            let why = r.timedOut ? "no answer within \(Self.seconds(timeout))"
                : r.status == 255 ? SSHFailure.classify(status: r.status, stderr: r.stderrText).1 : "its agent exited \(r.status)"
            return (unknown(asked, "\(host.name): \(why)") + bad, r.timedOut ? .timedOut : .failed)
        }
        let now = Date()
        return (asked.map { var j = JobReport.parse(r.stdoutText, id: $0.id).applied(to: $0, now: now); j.checkedAt = now; return j } + bad, .answered)
    }

    /// Records the jobs of `updated` that differ from their rows in `jobs`, and returns `jobs` with them.
    public func record(_ updated: [Job], in jobs: [Job]) -> [Job] {
        let byID = Dictionary(updated.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return jobs.map { job in
            guard let u = byID[job.id], u != job else { return job }
            try? store.update(u)
            return u
        }
    }

    /// "10s", "1.5s": a timeout as a reason shows it.
    static func seconds(_ d: Duration) -> String {
        let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        return s == s.rounded() ? "\(Int(s))s" : "\(s)s"
    }

    /// Stops `job`: SIGINT, then SIGTERM, then SIGKILL, `grace` seconds apart.
    public func stop(_ job: Job, on host: Host, grace: Int = 5) async throws -> Job {
        let r = try await agent(host, "stop", [job.id, String(grace)], timeout: .seconds(Double(grace * 3 + 20)))
        guard r.status == 0 else { throw HerdError.remote("\(host.name): stop failed: \(r.stderrText)") }
        var j = await reconcile([job], hosts: [host]).first ?? job
        if !r.stdoutText.contains("already-done") { j.status = .stopped }
        try store.update(j)
        return j
    }

    /// Removes the job's tmux session, job dir and work dir on its host, then its record with whatever it held
    /// in the ledger (one transaction: `JobStore.forget`).
    public func remove(_ job: Job, on host: Host?) async throws {
        if let host, Job.isWellFormedID(job.id) {
            let r = try await agent(host, "rm", [job.id])
            guard r.status == 0 else { throw HerdError.remote("\(host.name): rm failed: \(r.stderrText)") }
        }
        try store.forget(jobID: job.id)
    }

    /// Removes the ended jobs `jobs` of `host` in one call: their sessions, job dirs and work dirs, then their
    /// records. Returns the ids removed and the bytes freed on the host (du's figure); a job the host did not
    /// confirm keeps its record.
    public func removeEnded(_ jobs: [Job], on host: Host) async throws -> (removed: [String], bytes: UInt64) {
        let ids = jobs.map(\.id).filter(Job.isWellFormedID)
        var removed: [String] = []
        var bytes: UInt64 = 0
        if !ids.isEmpty {
            let r = try await agent(host, "rm", ids, timeout: .seconds(120))
            guard r.status == 0 else {
                throw HerdError.remote("\(host.name): rm failed: \(RsyncFailure.printable(r.stderrText.split(whereSeparator: \.isNewline).last.map(String.init) ?? "exit \(r.status)"))")
            }
            for line in r.stdoutText.split(whereSeparator: \.isNewline) {
                let f = line.split(separator: " ")
                guard f.count == 3, f[0] == "@@removed", ids.contains(String(f[1])) else { continue }
                removed.append(String(f[1]))
                let (sum, overflow) = bytes.addingReportingOverflow(UInt64(f[2]) ?? 0)
                bytes = overflow ? .max : sum
            }
        }
        // Damaged records (odd ids) never reach a host; their records go.
        removed += jobs.map(\.id).filter { !Job.isWellFormedID($0) }
        for id in removed { try store.forget(jobID: id) }
        return (removed, bytes)
    }

    /// Blocks until none of `jobs` (all on `host`) runs, with one ssh call whose agent loop returns when they
    /// ended, then records and returns them as `reconcile` does. A host that cannot be asked makes them `unknown`.
    public func waitForEnd(_ jobs: [Job], on host: Host) async -> [Job] {
        let asked = jobs.filter { Job.isWellFormedID($0.id) && !$0.isDamaged }
        guard !asked.isEmpty else { return jobs }
        let ended: [Job]
        do {
            let command = JobAgent.command("wait", asked.map(\.id))
            let (exe, args) = remote(host, command)
            // No channel budget: the call may last as long as the job; it holds one session of the master.
            let r = try await runner.run(exe, args, input: Data(JobAgent.source.utf8), timeout: nil)
            if r.status == 0 {
                let now = Date()
                ended = asked.map { var j = JobReport.parse(r.stdoutText, id: $0.id).applied(to: $0, now: now); j.checkedAt = now; return j }
            } else {
                let why = r.status == 255 ? SSHFailure.classify(status: r.status, stderr: r.stderrText).1 : "its agent exited \(r.status)"
                ended = asked.map { JobReport.unknown(reason: "\(host.name): \(why)").applied(to: $0) }
            }
        } catch {
            ended = asked.map { JobReport.unknown(reason: "\(host.name) did not answer: \(error)").applied(to: $0) }
        }
        for u in ended { try? store.update(u) }
        return jobs.map { j in ended.first { $0.id == j.id } ?? j }
    }

    /// The last `lines` lines of the job's output, as the host has them (raw bytes: show through `TerminalText`).
    public func tail(_ job: Job, on host: Host, lines: Int = 20) async throws -> String {
        guard Job.isWellFormedID(job.id) else { return "" }
        let r = try await agent(host, "tail", [job.id, String(lines)], timeout: .seconds(30))
        guard r.status == 0 else { throw HerdError.remote("\(host.name): could not read the log of job \(job.shortID) (exit \(r.status))") }
        return r.stdoutText
    }

    /// Copies `path` (relative to the job's work dir) from its host to `dest`. Without `force` nothing that exists
    /// locally is overwritten: a dry run lists what would be, and the copy refuses (exit 2) naming those files;
    /// the copy itself runs with `--ignore-existing`, so a file that appears in between is kept too. Permissions,
    /// owners and directory times are not copied (`-rlt -O`), so an existing directory keeps its mode.
    public func pull(_ job: Job, on host: Host, path: String, to dest: String, force: Bool = false) async throws {
        let clean = path.hasPrefix("/") ? String(path.dropFirst()) : path
        var args = ["-rlt", "--omit-dir-times"]
        let source: String
        if host.isLocal {
            source = NSHomeDirectory() + "/.herd/workdirs/\(job.id)/\(clean)"
        } else {
            args += rsyncShell(host)
            source = "\(host.target.destination):.herd/workdirs/\(job.id)/\(clean)"
        }
        func failure(_ r: CommandResult) -> HerdError {
            HerdError.remote("pull of '\(clean)' from job \(job.shortID) on \(host.name) failed: "
                + RsyncFailure.reason(status: r.status, stderr: r.stderrText, host: host.name))
        }
        if !force {
            let dry = try await runner.run(rsync, args + ["--dry-run", "--itemize-changes", source, dest], input: nil, timeout: nil)
            guard dry.status == 0 else { throw failure(dry) }
            let existing = Self.overwrites(inItemized: dry.stdoutText)
            if !existing.isEmpty {
                var isDir: ObjCBool = false
                let destIsDir = FileManager.default.fileExists(atPath: dest, isDirectory: &isDir) && isDir.boolValue
                let base = dest.hasSuffix("/") ? dest : dest + "/"
                // Into a directory the names are relative to it; onto an existing file, that file is the one.
                let names = destIsDir ? existing.prefix(5).map { RsyncFailure.printable(base + $0) } : [RsyncFailure.printable(dest)]
                throw HerdError.invalidInput("pull would overwrite \(existing.count) existing file(s): \(names.joined(separator: ", "))"
                    + (existing.count > 5 ? ", …" : "") + " (--force overwrites them)")
            }
            args.append("--ignore-existing")
        }
        let r = try await runner.run(rsync, args + [source, dest], input: nil, timeout: nil)
        guard r.status == 0 else { throw failure(r) }
    }

    /// The names in rsync `--itemize-changes` output that exist locally and would be changed: every item but a
    /// directory whose change string is not all `+` (a new item is `>f+++++++++`).
    public static func overwrites(inItemized text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).compactMap { line -> String? in
            let chars = Array(line)
            guard chars.count > 12, "<>ch.".contains(chars[0]), "fLDS".contains(chars[1]), chars[11] == " " else { return nil }
            if chars[2...10].allSatisfy({ $0 == "+" }) { return nil }
            var name = String(chars[12...])
            if chars[1] == "L", let arrow = name.range(of: " -> ") { name = String(name[..<arrow.lowerBound]) }
            return name
        }
    }
}
