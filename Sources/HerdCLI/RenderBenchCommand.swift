import ArgumentParser
import Foundation
import HerdCore
import HerdTUI

/// `herd render-bench` (hidden): times rendering a full dashboard frame of N synthetic hosts, for `make bench`.
struct RenderBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "render-bench", shouldDisplay: false)

    @Option var hosts = 1000
    @Option var frames = 300
    @Option var width = 200
    @Option var height = 60
    @Option var sort = "load"
    /// Probe rounds fed before timing, so every host's sparklines have history (as a dashboard that has run a while).
    @Option var samples = 30

    func run() async throws {
        let now = Date()
        var states: [HostState] = []
        for i in 0..<hosts {
            let gpus: [GPUUsage] = i % 3 == 0 ? [GPUUsage(index: 0, name: "A100", utilization: Double(i % 100), memUsed: 1 << 30, memTotal: 80 << 30)] : []
            let disk = DiskUsage(mount: "/", total: 2 << 40, used: UInt64(i) << 30, available: 1 << 40)
            let usage = HostUsage(
                os: "linux", cpus: 32, load: [Double(i % 32), 1, 1], memTotal: 128 << 30, memAvailable: UInt64(i % 100) << 30,
                disk: disk, gpus: gpus)
            let host = Host(name: String(format: "node%04d", i), ssh: "u@10.0.\(i / 250).\(i % 250)", shared: i % 10 != 0)
            states.append(HostState(host: host, status: i % 17 == 0 ? .unreachable : .complete, usage: usage, lastSeen: now))
        }
        var state = AppState()
        for round in 0..<max(1, samples) {
            let t = now.addingTimeInterval(Double(round - max(1, samples) + 1) * 2)
            let fed = states.enumerated().map { i, s -> HostState in
                var s = s
                s.lastSeen = t
                s.usage?.load = [Double((i + round) % 40), 1, 1]
                s.usage?.cpuPercent = Double((i * 7 + round * 3) % 100)
                return s
            }
            state = Reducer.reduce(state, .snapshot(Snapshot(takenAt: t, hosts: fed))).0
        }
        while state.sort.rawValue != sort, state.sort != .disk || sort == "disk" {
            state = Reducer.reduce(state, .key(.char("S"))).0
        }
        var times: [Double] = []
        var checksum = 0
        for f in 0..<frames {
            state.hostIndex = f % hosts
            let start = ContinuousClock.now
            let buf = Dashboard.render(state, width: width, height: height)
            let d = ContinuousClock.now - start
            checksum &+= buf.cells.count
            times.append(d.milliseconds)
        }
        times.sort()
        let r = Result(medianMs: (times[times.count / 2] * 1000).rounded() / 1000, p90Ms: (times[times.count * 9 / 10] * 1000).rounded() / 1000, cells: checksum / frames)
        CLIContext.out(try StructuredOutput.json(r))
    }

    /// The figures printed (`median_ms`, `p90_ms`, `cells`).
    struct Result: StructuredDocument {
        var medianMs: Double
        var p90Ms: Double
        var cells: Int
    }
}
