import Foundation
import HerdCore

/// When each host last answered a probe, kept in `$HERD_HOME/seen.json` so that one-shot CLI calls can
/// show how long a down host has been gone. Written atomically under a lock; a corrupt file counts as empty
/// (it is a cache) and is replaced on the next write.
public struct SightingStore: Sendable {
    public let home: HerdHome

    public init(home: HerdHome) { self.home = home }

    private var file: URL { home.root.appendingPathComponent("seen.json") }
    private var lock: URL { home.root.appendingPathComponent(".seen.json.lock") }

    /// Host name → last time it answered.
    public func load() -> [String: Date] {
        guard let data = try? Data(contentsOf: file),
            let raw = try? JSONDecoder().decode([String: Double].self, from: data)
        else { return [:] }
        return raw.mapValues { Date(timeIntervalSince1970: $0) }
    }

    /// Records the hosts of `snapshot` that answered.
    public func record(_ snapshot: Snapshot) throws {
        let seen = snapshot.hosts.compactMap { s in s.lastSeen.map { (s.host.name, $0) } }
        guard !seen.isEmpty else { return }
        try home.ensureExists()
        try FileLock(path: lock.path).withLock {
            var all = load()
            for (name, date) in seen where (all[name] ?? .distantPast) < date { all[name] = date }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let data = (try? encoder.encode(all.mapValues { $0.timeIntervalSince1970 })) ?? Data("{}".utf8)
            try AtomicFile.write(data, to: file.path)
        }
    }
}
