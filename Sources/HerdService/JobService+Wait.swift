import Foundation
import HerdCore
import HerdEngine

extension JobService {
    /// Waits until `jobs` end, host by host in parallel, with one ssh call per host whose agent loop returns when
    /// they ended (no polling); returns them ended (or `unknown`: their host went away or left the roster), in
    /// the order given, recorded.
    public func wait(_ jobs: [Job]) async throws -> [Job] {
        let manager = try self.manager()
        let hosts = try RosterService(context: context).effectiveHosts().1
        var byID: [String: Job] = [:]
        await withTaskGroup(of: [Job].self) { group in
            for (name, list) in Dictionary(grouping: jobs, by: \.host) {
                let host = hosts.first { $0.name == name }
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
        return settle(jobs.map { byID[$0.id] ?? $0 })
    }
}
