import ArgumentParser
import Foundation
import HerdCore
import HerdEngine

/// `herd wait ID…`: blocks until the jobs end, then exits with their status: the largest exit code, 0 when all
/// were 0, 1 for a job whose end is unknown (its host went away or is no longer in the roster).
struct WaitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wait", abstract: "Wait until jobs end; exit with their status.",
        discussion: """
            One ssh call per host (over its ControlMaster) runs a loop in the job agent that returns when the jobs \
            ended, so herd does not poll. Prints each job's summary. Exit status: the largest exit code of the jobs, \
            0 when all exited 0; 1 when a job's end cannot be known.
            """)

    @Argument(help: "Job ids (any unique prefix).")
    var ids: [String]

    func validate() throws {
        if ids.isEmpty { throw ValidationError("give one or more job ids") }
    }

    func run() async throws {
        let ctx = try JobContext()
        var jobs: [Job] = []
        for id in ids {
            let j = try ctx.job(id)
            if !jobs.contains(where: { $0.id == j.id }) { jobs.append(j) }
        }
        let ended = await Self.waitAll(jobs, ctx: ctx)
        let now = Date()
        for j in ended { CLIContext.out(JobListing.summary(j, now: now) + "\n") }
        let code = Self.status(of: ended)
        if code != 0 { throw ExitCode(code) }
    }

    /// Waits for `jobs`, host by host in parallel; returns them ended (or unknown), in the order given.
    static func waitAll(_ jobs: [Job], ctx: JobContext) async -> [Job] {
        var byID: [String: Job] = [:]
        await withTaskGroup(of: [Job].self) { group in
            for (name, list) in Dictionary(grouping: jobs, by: \.host) {
                let host = ctx.hosts.first { $0.name == name }
                let manager = ctx.manager
                group.addTask {
                    guard let host else {
                        return list.map { j in
                            j.status.isLive ? JobReport.unknown(reason: "host '\(name)' is not in the roster").applied(to: j) : j
                        }
                    }
                    // First every live job is asked (an `unknown` record may be stale); after that an unknown answer
                    // settles the job (its host went away, or the job is gone) and only running ones are asked again.
                    // A job still being launched is not in tmux yet: it stays `launching`, asked again each second,
                    // for two minutes at most.
                    var current = list
                    var round = 0
                    while true {
                        let ask = current.filter { round == 0 ? $0.status.isLive : ($0.status == .running || $0.status == .launching) }
                        if ask.isEmpty { return current }
                        if round >= 120 {
                            return current.map { $0.status == .launching ? JobReport.unknown(reason: "still launching after 2 minutes").applied(to: $0) : $0 }
                        }
                        round += 1
                        let answered = await manager.waitForEnd(ask, on: host)
                        current = current.map { j in answered.first { $0.id == j.id } ?? j }
                        if current.contains(where: { $0.status == .running || $0.status == .launching }) {
                            try? await Task.sleep(for: .seconds(1))
                        }
                    }
                }
            }
            for await list in group { for j in list { byID[j.id] = j } }
        }
        return jobs.map { byID[$0.id] ?? $0 }
    }

    /// The exit status for `jobs`: the largest exit code of the ended ones, 1 for any without a known code.
    static func status(of jobs: [Job]) -> Int32 {
        var worst: Int32 = 0
        for j in jobs {
            let code: Int32
            switch j.status {
            case .done, .failed, .stopped: code = j.exitCode.map { Int32(clamping: $0) } ?? 1
            default: code = 1
            }
            worst = max(worst, code)
        }
        return worst
    }
}
