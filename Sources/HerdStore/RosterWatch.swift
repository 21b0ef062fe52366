import Foundation
import HerdCore
#if canImport(Glibc)
import Glibc
#endif

/// Notices when hosts.json changes under a long-running reader (the dashboard) and reads it again.
///
/// One `stat` per check (device, inode, size, modification and change times in ns): `RosterStore` replaces the file
/// by an atomic rename, so every write is a new inode, and an editor writing in place changes the size or the times.
/// A file that cannot be read or decoded is reported (once per change) and the last good roster stays.
public struct RosterWatch: Sendable {
    /// What a check found.
    public enum Change: Equatable, Sendable {
        /// The file changed and reads well (a missing file is an empty roster).
        case reloaded(Roster)
        /// The file changed but cannot be read: one line, naming the file as `hosts.json`.
        case unreadable(String)
    }

    /// The identity of one version of the file; all zero when the file is missing.
    private struct Fingerprint: Equatable, Sendable {
        var device: UInt64 = 0, inode: UInt64 = 0, size: Int64 = -1
        var modified: [Int] = [], changed: [Int] = []
    }

    /// The store the roster is read from.
    public let store: RosterStore
    private var last: Fingerprint
    /// The roster as last read well.
    public private(set) var roster: Roster

    /// Reads the roster now; a roster that cannot be read is an error here, as for every command.
    public init(store: RosterStore) throws {
        self.store = store
        // The fingerprint is taken before reading: a change during the read is seen by the next check.
        last = Self.fingerprint(store.home.hostsFile.path)
        roster = try store.load()
    }

    /// Reads the file again if it changed since the last check; nil when it did not.
    public mutating func check() -> Change? {
        let now = Self.fingerprint(store.home.hostsFile.path)
        guard now != last else { return nil }
        last = now
        do {
            roster = try store.load()
            return .reloaded(roster)
        } catch {
            // The status line is narrow: the file is named as the user knows it, not by its full path.
            let line = "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
            return .unreadable(line.replacingOccurrences(of: store.home.hostsFile.path, with: "hosts.json"))
        }
    }

    /// The roster as it is on disk this moment, not as last seen: for the check when an action is confirmed.
    public func current() throws -> Roster { try store.load() }

    private static func fingerprint(_ path: String) -> Fingerprint {
        var st = stat()
        guard stat(path, &st) == 0 else { return Fingerprint() }
        return Fingerprint(
            device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: Int64(st.st_size),
            modified: [st.st_mtim.tv_sec, st.st_mtim.tv_nsec], changed: [st.st_ctim.tv_sec, st.st_ctim.tv_nsec])
    }
}
