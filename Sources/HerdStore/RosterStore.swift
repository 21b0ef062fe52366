import Foundation
import HerdCore
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The roster on disk: reads `hosts.json`, and changes it under a lock with an atomic rename.
///
/// A missing file is an empty roster. A corrupt file is an error naming the file and position, and is never
/// overwritten: `update` decodes before it writes and writes nothing when decoding fails.
public struct RosterStore: Sendable {
    /// The state directory the roster lives in.
    public let home: HerdHome

    public init(home: HerdHome) { self.home = home }

    /// The roster as it is on disk now. Decoded again only when the file changed (another inode, size, mtime
    /// or ctime than at the last read in this process): a daemon reads it twice a tick, and decoding it was 5%
    /// of its CPU.
    public func load() throws -> Roster {
        let path = home.hostsFile.path
        var st = stat()
        guard stat(path, &st) == 0 else {
            if errno == ENOENT { return Roster() }
            throw StoreError.io(path: path, message: "cannot read: \(String(cString: strerror(errno)))")
        }
        let stamp = FileStamp(st)
        if let (seen, roster) = Self.decoded.withLock({ $0[path] }), seen == stamp { return roster }
        let data: Data
        do { data = try Data(contentsOf: home.hostsFile) } catch {
            throw StoreError.io(path: path, message: "cannot read: \(error.localizedDescription)")
        }
        let roster = try RosterCodec.decode(data, file: path)
        Self.decoded.withLock { $0[path] = (stamp, roster) }
        return roster
    }

    /// The last roster decoded per file path, with the file's stamp at that time.
    private static let decoded = Mutex<[String: (FileStamp, Roster)]>([:])

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
