import ArgumentParser
import Foundation
import HerdCore
import HerdEngine
import HerdRemote
import HerdTerminal
#if canImport(Glibc)
import Glibc
#endif

/// `herd run [HOST] -- CMD…`: syncs this directory to a host and runs the command there in tmux.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a command on a host in tmux, with this directory synced to its own work dir.",
        discussion: """
            The directory is copied with rsync (honouring .gitignore and .herdignore; .git is included) to \
            ~/.herd/workdirs/<id>/ on the host, hard-linking files unchanged since the previous job from here. The job \
            runs in tmux session herd-<id>; on a terminal herd attaches at once (Ctrl+B D detaches; the job goes on). \
            Once the job ended, any key closes the session; herd prints the job's summary and exits with its \
            exit code.
            """
    )

    @Argument(help: "The host (default: the roster's default host).")
    var host: String?

    @Flag(name: [.customShort("n"), .customLong("no-sync")], help: "Do not copy this directory.")
    var noSync = false

    @Flag(name: [.customShort("d"), .customLong("detach")], help: "Do not attach; print the job id and return.")
    var detach = false

    @Option(help: "RAM to reserve on the host while the job runs, e.g. 17G.")
    var ram: String?

    @Option(help: "GPUs to reserve while the job runs (--gpu alone means 1).")
    var gpu: Int?

    @Flag(help: "Pick the host with `herd place` (from --ram/--gpu).")
    var place = false

    @Flag(help: "Start even when the host cannot take the reservation.")
    var force = false

    @Argument(parsing: .postTerminator, help: "The command, after --.")
    var command: [String] = []

    func validate() throws {
        if command.isEmpty { throw ValidationError("no command: give it after --, e.g. herd run gpu1 -- make test") }
        if place && host != nil { throw ValidationError("give a HOST or --place, not both") }
    }

    func run() async throws {
        let ctx = try JobContext()
        let needs = Requirements(ram: try ram.map { try ByteSize.parse($0, argument: "--ram") }, gpus: gpu)
        let target = try await chooseHost(ctx, needs: needs)
        let cwd = FileManager.default.currentDirectoryPath
        if !noSync { Self.preflight(cwd) }
        let job = Job(
            id: UUID().uuidString.lowercased(), host: target.name, command: command, clientCwd: cwd, startedAt: Date(), status: .launching)
        // The record (with its reservation, in one transaction) comes before anything happens on the host: a job
        // that starts there is always in the database, and a failure here leaves nothing to undo.
        if needs.ram != nil || (needs.gpus ?? 0) > 0 {
            _ = try await PlacementRun.reserve(
                target, needs: needs, jobID: job.id, ttl: nil, note: "job \(job.shortID)", force: force, context: ctx.cli, store: ctx.store,
                job: job)
        } else {
            try ctx.store.insert(job)
        }
        try await Self.start(job, on: target, sync: !noSync, ctx: ctx)
        let interactive = !detach && Terminal.isInteractive
        if !interactive {
            CLIContext.out("\(job.shortID)\n")
            return
        }
        CLIContext.warn("job \(job.shortID) started on \(target.name); Ctrl+B D detaches")
        try await JobFlow.attach(job, on: target, ctx: ctx)
    }

    /// The host named, placed, or the default one.
    private func chooseHost(_ ctx: JobContext, needs: Requirements) async throws -> Host {
        if place {
            let ranked = try await PlacementRun.rank(ctx.hosts, needs: needs, context: ctx.cli, store: ctx.store)
            guard let best = ranked.first(where: \.fits), let h = ctx.hosts.first(where: { $0.name == best.host }) else {
                let why = ranked.map { "\($0.host): \($0.reasons.joined(separator: "; "))" }.joined(separator: " | ")
                throw HerdError.invalidInput("no host fits \(PlaceCommand.describe(needs)): \(why)")
            }
            CLIContext.warn("placed on \(h.name) (fit \(best.score))")
            return h
        }
        if let host { return try TargetSelector.single(host, in: ctx.hosts) }
        if let name = ctx.roster.defaultHost, let h = ctx.roster.host(named: name) { return h }
        if ctx.roster.isEmpty, let local = ctx.hosts.first { return local }
        throw HerdError.invalidInput("no host given and no default host (set one with: herd host default NAME)")
    }

    /// Syncs and launches `job` (recorded as `launching`), then marks it running. SIGINT and SIGTERM are caught
    /// meanwhile: they stop the sync, and any failure or interruption removes the work dir and job dir on the
    /// host, the record and the reservation before herd exits (interrupted: 128 + the signal).
    static func start(_ job: Job, on target: Host, sync: Bool, ctx: JobContext) async throws {
        let box = CancelBox()
        let trap = SignalTrap { _ in box.cancel() }
        let manager = ctx.manager, store = ctx.store
        let work = Task { try await manager.start(job, on: target, source: sync ? job.clientCwd : nil, label: job.clientCwd) }
        box.set(work)
        let result = await work.result
        var finishError: (any Error)?
        if case .success = result, trap.caught == nil {
            do { try store.finishLaunch(job) } catch { finishError = error }
        }
        if case .success = result, trap.caught == nil {
            trap.restore()
            if let finishError {
                CLIContext.warn("job \(job.shortID) runs on \(target.name), but its record could not be finished (\(finishError)); "
                    + "it shows as launching until herd ps finds it running")
            }
            return
        }
        let problems = await manager.abandon(job, on: target)
        trap.restore()
        // The cause first, then what could not be undone.
        if let sig = trap.caught {
            CLIContext.warn("interrupted: job \(job.shortID) was not started on \(target.name)"
                + (problems.isEmpty ? "; nothing is left behind (work dir, record, reservation)" : ""))
            for p in problems { CLIContext.warn(p) }
            throw ExitCode(128 + sig)
        }
        guard case .failure(let error) = result else { return }
        if problems.isEmpty { throw error }
        CLIContext.warn((error as? HerdError)?.description ?? "\(error)")
        for p in problems { CLIContext.warn(p) }
        throw ExitCode((error as? HerdError)?.exitCode ?? 1)
    }

    /// Warns before copying a large tree (file count and bytes, .git included).
    static func preflight(_ dir: String, fileLimit: Int = 20_000, byteLimit: UInt64 = 2 << 30) {
        guard let e = FileManager.default.enumerator(at: URL(fileURLWithPath: dir), includingPropertiesForKeys: [.fileSizeKey, .isRegularFileKey])
        else { return }
        var files = 0
        var bytes: UInt64 = 0
        for case let url as URL in e {
            guard let v = try? url.resourceValues(forKeys: [.fileSizeKey, .isRegularFileKey]), v.isRegularFile == true else { continue }
            files += 1
            bytes += UInt64(v.fileSize ?? 0)
            if files > fileLimit * 5 { break }
        }
        if files > fileLimit || bytes > byteLimit {
            CLIContext.warn("syncing a large tree: \(files) files, \(UsageFormat.bytes(bytes)) in \(dir) (before ignores); add a .herdignore or use -n")
        }
    }
}
