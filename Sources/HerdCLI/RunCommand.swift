import ArgumentParser
import Foundation
import HerdCore
import HerdEngine
import HerdRemote
import HerdService
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
        let context = CLIContext()
        let service = JobService(context: context.services)
        let needs = Requirements(ram: try ram.map { try ByteSize.parse($0, argument: "--ram") }, gpus: gpu)
        let cwd = FileManager.default.currentDirectoryPath
        let request = RunRequest(command: command, host: host, place: place, needs: needs, force: force, cwd: cwd, sync: !noSync)
        let (target, score) = try await service.chooseHost(request)
        if let score { CLIContext.warn("placed on \(target.name) (fit \(score))") }
        if !noSync, let warning = JobService.preflight(cwd) { CLIContext.warn(warning) }
        let job = try await service.record(request, on: target)
        try await Self.start(job, on: target, sync: !noSync, service: service)
        let interactive = !detach && Terminal.isInteractive
        if !interactive {
            CLIContext.out("\(job.shortID)\n")
            return
        }
        CLIContext.warn("job \(job.shortID) started on \(target.name); Ctrl+B D detaches")
        try await JobFlow.attach(job, on: target, service: service)
    }

    /// Starts `job` through `JobService.start` with SIGINT and SIGTERM caught meanwhile: they stop the sync, and
    /// any failure or interruption removes the work dir and job dir on the host, the record and the reservation
    /// before herd exits (interrupted: 128 + the signal).
    static func start(_ job: Job, on target: Host, sync: Bool, service: JobService) async throws {
        let interruption = LaunchInterruption()
        let trap = SignalTrap { _ in interruption.cancel() }
        let outcome = await service.start(job, on: target, sync: sync, interruption: interruption)
        trap.restore()
        switch outcome {
        case .started(let warning):
            if let warning { CLIContext.warn(warning) }
        case .interrupted(let problems):
            // The cause first, then what could not be undone.
            CLIContext.warn("interrupted: job \(job.shortID) was not started on \(target.name)"
                + (problems.isEmpty ? "; nothing is left behind (work dir, record, reservation)" : ""))
            for p in problems { CLIContext.warn(p) }
            throw ExitCode(128 + (trap.caught ?? SIGINT))
        case .failed(let error, let problems):
            if problems.isEmpty { throw error }
            CLIContext.warn((error as? HerdError)?.description ?? "\(error)")
            for p in problems { CLIContext.warn(p) }
            throw ExitCode((error as? HerdError)?.exitCode ?? 1)
        }
    }
}
