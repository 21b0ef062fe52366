import ArgumentParser
import Foundation
import HerdCore
import HerdEngine
import HerdRemote
import HerdService
import HerdStore
#if canImport(Glibc)
import Glibc
#endif

/// `herd process-bench` (hidden): the process layer's cost, for `make bench`. Spawn and exit of `/bin/true` and
/// `/bin/sh -c true` through `ProcessRunner` against a bare `posix_spawn` + `waitpid` loop in the same process,
/// the cost per streamed line, and (with `--host` and `--job`) job-state polling over the host's agent session
/// against one ssh per poll (through the ControlMaster, as herd polled before). Prints JSON.
struct ProcessBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "process-bench", shouldDisplay: false)

    @Option var spawns = 300
    @Option var lines = 200_000
    @Option var polls = 50
    @Option var host: String?
    @Option var job: String?

    /// The figures printed (microseconds per operation, milliseconds per poll).
    struct Result: StructuredDocument {
        var spawns: Int
        var runner_true_us: Double
        var posix_spawn_true_us: Double
        var runner_sh_us: Double
        var posix_spawn_sh_us: Double
        var stream_lines: Int
        var stream_us_per_line: Double
        var polls: Int
        var session_poll_ms: Double?
        var session_poll_cpu_ms: Double?
        var ssh_poll_ms: Double?
        var ssh_poll_cpu_ms: Double?
    }

    func run() async throws {
        let runner = ProcessRunner()
        func perRun(_ body: () async throws -> Void) async rethrows -> Double {
            let start = ContinuousClock.now
            for _ in 0..<spawns { try await body() }
            return (ContinuousClock.now - start).milliseconds * 1000 / Double(spawns)
        }
        let runnerTrue = try await perRun { _ = try await runner.run("/bin/true", [], input: nil, timeout: nil) }
        let bareTrue = await perRun { Self.bareSpawn("/bin/true", []) }
        let runnerSh = try await perRun { _ = try await runner.run("/bin/sh", ["-c", "true"], input: nil, timeout: nil) }
        let bareSh = await perRun { Self.bareSpawn("/bin/sh", ["-c", "true"]) }
        let count = LineCount()
        let t0 = ContinuousClock.now
        _ = try await runner.stream("/usr/bin/seq", ["1", String(lines)], input: nil, timeout: nil, newProcessGroup: false,
                                    options: StreamOptions(captureLimit: 0)) { _, d in count.add(d) }
        let perLine = (ContinuousClock.now - t0).milliseconds * 1000 / Double(max(1, count.value))
        var result = Result(
            spawns: spawns, runner_true_us: runnerTrue, posix_spawn_true_us: bareTrue, runner_sh_us: runnerSh, posix_spawn_sh_us: bareSh,
            stream_lines: count.value, stream_us_per_line: perLine, polls: polls)
        if let name = host, let id = job {
            let cli = CLIContext()
            let service = JobService(context: cli.services)
            guard let h = try RosterService(context: cli.services).effectiveHosts().1.first(where: { $0.name == name }) else {
                throw HerdError.invalidInput("no host '\(name)'")
            }
            let job = try service.job(id)
            let manager = try service.manager()
            let watcher = JobWatcher(sessions: SessionProber(options: cli.sshOptions))
            _ = try await watcher.states([job.id], on: h)  // session up
            (result.session_poll_ms, result.session_poll_cpu_ms) = try await Self.timePolls(polls, ctl: cli.home.controlDir.path) {
                _ = try await watcher.states([job.id], on: h)
            }
            _ = try await manager.agent(h, "status", [job.id])  // master up, agent installed
            (result.ssh_poll_ms, result.ssh_poll_cpu_ms) = try await Self.timePolls(polls, ctl: cli.home.controlDir.path) {
                _ = try await manager.agent(h, "status", [job.id])
            }
            await watcher.sessions.shutdown()
        }
        CLIContext.out(try StructuredOutput.json(result))
    }

    /// Median wall ms per poll, and CPU ms per poll of herd, its children and the ControlMasters.
    static func timePolls(_ n: Int, ctl: String, _ poll: () async throws -> Void) async throws -> (Double, Double) {
        var times: [Double] = []
        let cpu0 = ProcessCPU.selfSeconds() + ProcessCPU.childrenSeconds(controlDir: ctl) + ProcessCPU.reapedChildrenSeconds()
        for _ in 0..<n {
            let start = ContinuousClock.now
            try await poll()
            times.append((ContinuousClock.now - start).milliseconds)
        }
        let cpu1 = ProcessCPU.selfSeconds() + ProcessCPU.childrenSeconds(controlDir: ctl) + ProcessCPU.reapedChildrenSeconds()
        times.sort()
        return (times[times.count / 2], (cpu1 - cpu0) * 1000 / Double(max(1, n)))
    }

    /// posix_spawn + waitpid, nothing else (no pipes): the floor a runner is measured against.
    static func bareSpawn(_ path: String, _ args: [String]) {
        let argv = ([path] + args).map { strdup($0) }
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = (argv + [nil]).withUnsafeBufferPointer { a -> Int32 in
            guard let base = a.baseAddress else { return EINVAL }
            return posix_spawn(&pid, path, nil, nil, UnsafeMutablePointer(mutating: base), environ)
        }
        guard rc == 0 else { return }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }
}

/// Counts newlines of streamed output (thread-safe).
final class LineCount: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add(_ d: Data) {
        let k = d.count { $0 == 0x0A }
        lock.lock()
        n += k
        lock.unlock()
    }
    var value: Int { lock.lock(); defer { lock.unlock() }; return n }
}
