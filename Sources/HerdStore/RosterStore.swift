import Foundation
import HerdCore

/// The roster on disk: reads `hosts.json`, and changes it under a lock with an atomic rename.
///
/// A missing file is an empty roster. A corrupt file is an error naming the file and position, and is never
/// overwritten: `update` decodes before it writes and writes nothing when decoding fails.
public struct RosterStore: Sendable {
    /// The state directory the roster lives in.
    public let home: HerdHome

    public init(home: HerdHome) { self.home = home }

    /// The roster as it is on disk now.
    public func load() throws -> Roster {
        let path = home.hostsFile.path
        guard FileManager.default.fileExists(atPath: path) else { return Roster() }
        let data: Data
        do { data = try Data(contentsOf: home.hostsFile) } catch {
            throw StoreError.io(path: path, message: "cannot read: \(error.localizedDescription)")
        }
        return try RosterCodec.decode(data, file: path)
    }

    /// Reads the roster, applies `change`, and writes the result atomically, all under the roster lock.
    /// Returns what `change` returned. Nothing is written when reading or `change` throws.
    @discardableResult
    public func update<T>(_ change: (inout Roster) throws -> T) throws -> T {
        try home.ensureExists()
        return try FileLock(path: home.hostsLock.path).withLock {
            var roster = try load()
            let result = try change(&roster)
            try AtomicFile.write(RosterCodec.encode(roster), to: home.hostsFile.path)
            return result
        }
    }
}
