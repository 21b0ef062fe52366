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

    @Option(help: "RAM to reserve (placement arrives with reservations).")
    var ram: String?

    @Option(help: "GPUs to reserve (placement arrives with reservations).")
    var gpu: Int?

    @Argument(parsing: .postTerminator, help: "The command, after --.")
    var command: [String] = []

    func validate() throws {
        if command.isEmpty { throw ValidationError("no command: give it after --, e.g. herd run gpu1 -- make test") }
        if ram != nil || gpu != nil {
            throw ValidationError("--ram and --gpu need the reservation ledger, which is not built yet")
        }
    }

    func run() async throws {
        let ctx = try JobContext()
        let target: Host
        if let host {
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
        if !noSync {
            Self.preflight(cwd)
            let previous = try ctx.store.latest(host: target.name, cwd: cwd)
            try await ctx.manager.sync(cwd, to: target, job: job.id, previous: previous?.id)
        }
        try await ctx.manager.launch(job, on: target, label: cwd)
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
