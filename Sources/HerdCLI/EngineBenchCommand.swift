import ArgumentParser
import Foundation
import HerdCore
import HerdEngine
import HerdRemote

/// `herd engine-bench` (hidden): warm refresh rounds over persistent sessions, for `make bench`.
/// Prints the median round time and the local CPU (herd + its ssh clients) per round as JSON.
struct EngineBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "engine-bench", shouldDisplay: false)

    @Option var rounds = 30
    @Option var warmup = 3
    @OptionGroup var probe: ProbeOptions

    @Argument var targets: String?

    /// The figures printed.
    struct Result: StructuredDocument {
        var hosts: Int
        var rounds: Int
        var up_last_round: Int
        var median_round_ms: Double
        var p90_round_ms: Double
        var cpu_ms_per_round: Double
        var herd_cpu_ms_per_round: Double
        var ssh_cpu_ms_per_round: Double
    }

    func run() async throws {
        let context = CLIContext()
        let (_, all) = try context.effectiveHosts()
        let hosts = try (targets.map { try TargetSelector($0) } ?? TargetSelector.every()).resolve(in: all)
        try context.home.ensureControlDir()
        let engine = RefreshEngine(hosts: hosts, prober: SessionProber(options: context.sshOptions), config: probe.config)
        for _ in 0..<warmup { await engine.round(force: true) }
        let selfBefore = ProcessCPU.selfSeconds(), kidsBefore = ProcessCPU.childrenSeconds(controlDir: context.home.controlDir.path)
        var times: [Double] = []
        var last = Snapshot(takenAt: Date(), hosts: [])
        for _ in 0..<rounds {
            let start = ContinuousClock.now
            last = await engine.round(force: true)
            let d = ContinuousClock.now - start
            times.append(d.milliseconds)
        }
        let selfCPU = (ProcessCPU.selfSeconds() - selfBefore) * 1000 / Double(rounds)
        let kidsCPU = (ProcessCPU.childrenSeconds(controlDir: context.home.controlDir.path) - kidsBefore) * 1000 / Double(rounds)
        await engine.shutdown()
        times.sort()
        let r = Result(
            hosts: hosts.count, rounds: rounds, up_last_round: last.aggregates.up,
            median_round_ms: times[times.count / 2], p90_round_ms: times[min(times.count - 1, times.count * 9 / 10)],
            cpu_ms_per_round: selfCPU + kidsCPU, herd_cpu_ms_per_round: selfCPU, ssh_cpu_ms_per_round: kidsCPU)
        CLIContext.out(try StructuredOutput.json(r))
    }
}
