import Foundation
import HerdCore
import HerdStore
#if canImport(Glibc)
import Glibc
#endif

/// Notices when hosts.json changes under a running dashboard and reads it again.
///
/// One `stat` per check (device, inode, size, modification and change times): herd replaces the file by an
/// atomic rename, so every write gives a new inode, and an editor writing in place changes the size or the times.
/// A file that cannot be read or decoded is reported once per change and the last good roster stays in use.
struct RosterWatch {
    /// What a check found.
    enum Change: Equatable {
        /// The file changed and reads well: these are the hosts now (`local` when the roster is empty).
        case reloaded([Host])
        /// The file changed but cannot be read; the message names the file and the problem.
        case unreadable(String)
    }

    /// The identity of one version of the file; `nil` fields mean the file is missing.
    private struct Fingerprint: Equatable {
        var device: UInt64 = 0, inode: UInt64 = 0, size: Int64 = -1
        var modified = timespec(), changed = timespec()

        static func == (a: Fingerprint, b: Fingerprint) -> Bool {
            a.device == b.device && a.inode == b.inode && a.size == b.size
                && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
                && a.changed.tv_sec == b.changed.tv_sec && a.changed.tv_nsec == b.changed.tv_nsec
        }
    }

    private let context: CLIContext
    private var last: Fingerprint
    /// The hosts as last read well.
    private(set) var hosts: [Host]

    /// Reads the roster now; a roster that cannot be read is an error here, as for every command.
    init(context: CLIContext) throws {
        self.context = context
        // The fingerprint is taken before reading: a change during the read is seen by the next check.
        last = Self.fingerprint(context.home.hostsFile.path)
        hosts = try context.effectiveHosts().1
    }

    /// Reads the file again if it changed since the last check; nil when it did not.
    mutating func check() -> Change? {
        let now = Self.fingerprint(context.home.hostsFile.path)
        guard now != last else { return nil }
        last = now
        do {
            let fresh = try context.effectiveHosts().1
            hosts = fresh
            return .reloaded(fresh)
        } catch {
            // The status line is narrow: the file is named as the user knows it, not by its full path.
            return .unreadable(Self.describe(error).replacingOccurrences(of: context.home.hostsFile.path, with: "hosts.json"))
        }
    }

    /// The roster as it is on disk this moment, not as last seen: for the check when an action is confirmed.
    func current() throws -> [Host] { try context.effectiveHosts().1 }

    /// One line for a roster read error.
    static func describe(_ error: any Error) -> String {
        let text = "\(error)"
        return text.split(separator: "\n").first.map(String.init) ?? text
    }

    private static func fingerprint(_ path: String) -> Fingerprint {
        var st = stat()
        guard stat(path, &st) == 0 else { return Fingerprint() }
        return Fingerprint(device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: Int64(st.st_size), modified: st.st_mtim, changed: st.st_ctim)
    }
}
