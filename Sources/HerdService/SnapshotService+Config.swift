import HerdEngine

extension SnapshotService {
    /// A refresh engine over persistent sessions with a full `config` (interval, per-host timeout, concurrency),
    /// for a long-lived view such as `herd serve`. `sessions` may be shared with a `JobWatcher`, so job questions
    /// travel over the same host sessions.
    public func liveEngine(_ hosts: [Host], config: RefreshConfig, sessions: SessionProber? = nil) throws -> RefreshEngine {
        try context.home.ensureControlDir()
        return RefreshEngine(hosts: hosts, prober: sessions ?? SessionProber(options: context.sshOptions), config: config)
    }
}
