import HerdEngine

extension SnapshotService {
    /// A refresh engine over persistent sessions with a full `config` (interval, per-host timeout, concurrency),
    /// for a long-lived view such as `herd serve`.
    public func liveEngine(_ hosts: [Host], config: RefreshConfig) throws -> RefreshEngine {
        try context.home.ensureControlDir()
        return RefreshEngine(hosts: hosts, prober: SessionProber(options: context.sshOptions), config: config)
    }
}
