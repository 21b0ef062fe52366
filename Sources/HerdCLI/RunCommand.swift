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
            runs in tmux session herd-<id>; on a terminal herd attaches at once (Ctrl+B D detaches; the job goes on).
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
        let needs = Requirements(ram: try ram.map(ByteSize.parse), gpus: gpu)
        let target: Host
        if place {
            let ranked = try await PlacementRun.rank(ctx.hosts, needs: needs, context: ctx.cli, store: ctx.store)
            guard let best = ranked.first(where: \.fits), let h = ctx.hosts.first(where: { $0.name == best.host }) else {
                let why = ranked.map { "\($0.host): \($0.reasons.joined(separator: "; "))" }.joined(separator: " | ")
                throw HerdError.invalidInput("no host fits \(PlaceCommand.describe(needs)): \(why)")
            }
            CLIContext.warn("placed on \(h.name) (fit \(best.score))")
            target = h
        } else if let host {
            target = try TargetSelector(host).resolve(in: ctx.hosts).first!
        } else if let name = ctx.roster.defaultHost, let h = ctx.roster.host(named: name) {
            target = h
        } else if ctx.roster.isEmpty {
            target = ctx.hosts[0]
        } else {
            throw HerdError.invalidInput("no host given and no default host (set one with: herd host default NAME)")
        }
        let cwd = FileManager.default.currentDirectoryPath
        let job = Job(id: UUID().uuidString.lowercased(), host: target.name, command: command, clientCwd: cwd, startedAt: Date())
        var reservation: Reservation?
        if needs.ram != nil || (needs.gpus ?? 0) > 0 {
            reservation = try await PlacementRun.reserve(
                target, needs: needs, jobID: job.id, ttl: nil, note: "job \(job.shortID)", force: force, context: ctx.cli, store: ctx.store)
        }
        do {
            try await start(job, on: target, cwd: cwd, ctx: ctx)
        } catch {
            if reservation != nil { try? ctx.store.release(jobID: job.id) }
            throw error
        }
        let interactive = !detach && Terminal.isInteractive
        if !interactive {
            CLIContext.out("\(job.shortID)\n")
            return
        }
        CLIContext.warn("job \(job.shortID) started on \(target.name); Ctrl+B D detaches")
        let (exe, args) = ctx.manager.remote(target, "exec tmux attach -t =\(job.tmuxSession)", tty: true)
        _ = try InteractiveProcess.run(exe, args)
        CLIContext.warn("detached from \(job.shortID): herd logs \(job.shortID), herd attach \(job.shortID)")
    }

    /// Syncs (unless -n) and launches.
    private func start(_ job: Job, on target: Host, cwd: String, ctx: JobContext) async throws {
        if !noSync {
            Self.preflight(cwd)
            let previous = try ctx.store.latest(host: target.name, cwd: cwd)
            try await ctx.manager.sync(cwd, to: target, job: job.id, previous: previous?.id)
        }
        try await ctx.manager.launch(job, on: target, label: cwd)
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
