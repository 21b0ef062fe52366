import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where herd keeps its state: `$HERD_HOME`, default `~/.herd`.
public struct HerdHome: Sendable, Equatable {
    /// The state directory.
    public let root: URL

    public init(root: URL) { self.root = root }

    /// The state directory from `environment` (`HERD_HOME`, else `$HOME/.herd`).
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> HerdHome {
        if let h = environment["HERD_HOME"], !h.isEmpty { return HerdHome(root: URL(fileURLWithPath: h)) }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return HerdHome(root: URL(fileURLWithPath: home).appendingPathComponent(".herd"))
    }

    /// The roster file.
    public var hostsFile: URL { root.appendingPathComponent("hosts.json") }
    /// The lock file that serialises roster writers (kept apart so the rename never drops the lock).
    public var hostsLock: URL { root.appendingPathComponent(".hosts.json.lock") }
    /// The ControlPath socket directory (mode 0700): `$HERD_HOME/ctl`, or a short private directory under /tmp when
    /// that path cannot carry ssh's sockets (see `ControlDirectory`).
    public var controlDir: URL { URL(fileURLWithPath: ControlDirectory.path(forHome: root.path, uid: getuid())) }
    /// Held by the one background job check `herd ps` leaves running (so repeated `ps` never pile them up).
    public var reconcileLock: URL { root.appendingPathComponent(".reconcile.lock") }
    /// The audit log of mutating remote actions.
    public var auditLog: URL { root.appendingPathComponent("audit.log") }

    /// Creates the state directory (mode 0700) when missing; throws a one-line error naming it otherwise.
    public func ensureExists() throws {
        var st = stat()
        if stat(root.path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR { return }
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw StoreError.io(path: root.path, message: "cannot create directory: \(error.localizedDescription)")
        }
    }

    /// The job database (SQLite; `-wal` and `-shm` files beside it).
    public var databaseFile: URL { root.appendingPathComponent("herd.db") }

    /// A one-line warning when the state directory exists and others may write to it (group- or world-writable):
    /// whoever can write there can replace the roster or the ssh sockets. Nil when it is fine or missing.
    public func permissionWarning() -> String? {
        var st = stat()
        guard lstat(root.path, &st) == 0 else { return nil }
        let mode = st.st_mode & 0o777
        guard mode & 0o022 != 0 else { return nil }
        let who = mode & 0o002 != 0 ? "world" : "group"
        return "\(root.path) is \(who)-writable (mode \(String(mode, radix: 8))): others could change herd's state; chmod 700 it"
    }

    /// Makes the job database private before SQLite opens it: creates `herd.db` with mode 0600 when missing (SQLite
    /// gives its `-wal` and `-shm` files the database's mode) and tightens existing ones (an older herd made them 0644).
    public func prepareDatabase() throws {
        try ensureExists()
        let path = databaseFile.path
        let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        if fd < 0 { throw StoreError.io(path: path, message: "cannot open: \(String(cString: strerror(errno)))") }
        close(fd)
        for suffix in ["", "-wal", "-shm"] { _ = chmod(path + suffix, 0o600) }
    }

    /// Creates the ControlPath socket directory with mode 0700 (ssh refuses sockets in group-writable places).
    /// The /tmp fallback must be a real directory owned by this user, else this throws naming it.
    public func ensureControlDir() throws {
        try ensureExists()
        let path = controlDir.path
        if path != root.appendingPathComponent("ctl").path { return try ControlDirectory.ensurePrivate(path) }
        // Already as it should be (the common case: every job check and probe round asks): one stat, no change.
        var st = stat()
        if stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR, st.st_mode & 0o7777 == 0o700, st.st_uid == geteuid() { return }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: path)
        } catch {
            throw StoreError.io(path: path, message: "cannot create directory: \(error.localizedDescription)")
        }
    }
}
