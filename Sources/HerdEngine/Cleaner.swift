import HerdCore
import HerdRemote

/// Runs `herd clean`'s script on hosts through the fan-out and parses each host's report.
public struct Cleaner: Sendable {
    public let fanout: Fanout

    public init(fanout: Fanout) { self.fanout = fanout }

    /// How deep to clean.
    public enum Depth: String, Sendable {
        /// The safe tier, plus the deep tier where the disk is at or over 85%.
        case auto
        /// Both tiers.
        case deep
    }

    /// Cleans (or, with `dryRun`, measures) `hosts`; the result per host is its exec result and parsed report.
    /// Files younger than `retentionMinutes` (by mtime or ctime) stay. `onFinish` gets each host's result as it ends.
    /// The script runs on a leash (`RemoteLeash`): when herd goes away, the remote clean stops.
    public func clean(
        _ hosts: [Host], dryRun: Bool, depth: Depth, timeout: Duration?, retentionMinutes: Int = CleanScript.retentionMinutes,
        onFinish: @escaping @Sendable (ExecResult) -> Void = { _ in }
    ) async -> [(ExecResult, CleanReport)] {
        var out: [(ExecResult, CleanReport)] = []
        // The sudo permission differs per host, so hosts are grouped by it; each group is one fan-out.
        for sudo in [false, true] {
            let group = hosts.filter { $0.sudo == sudo }
            guard !group.isEmpty else { continue }
            let words = ["/bin/sh", "-c", RemoteLeash.wrap(CleanScript.source, sudo: sudo), "herd-clean", dryRun ? "1" : "0",
                         depth == .deep ? "1" : "auto", sudo ? "1" : "0", String(max(0, retentionMinutes))]
            for r in await fanout.run(words, on: group, timeout: timeout, onFinish: onFinish) {
                out.append((r, CleanReport.parse(r.stdout)))
            }
        }
        let order = Dictionary(uniqueKeysWithValues: hosts.enumerated().map { ($1.name, $0) })
        return out.sorted { order[$0.0.host, default: 0] < order[$1.0.host, default: 0] }
    }
}
