import Foundation

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
    /// The audit log of mutating remote actions.
    public var auditLog: URL { root.appendingPathComponent("audit.log") }

    /// Creates the state directory (mode 0700) when missing; throws a one-line error naming it otherwise.
    public func ensureExists() throws {
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw StoreError.io(path: root.path, message: "cannot create directory: \(error.localizedDescription)")
        }
    }

    /// Creates the ControlPath socket directory with mode 0700 (ssh refuses sockets in group-writable places).
    /// The /tmp fallback must be a real directory owned by this user, else this throws naming it.
    public func ensureControlDir() throws {
        try ensureExists()
        let path = controlDir.path
        if path != root.appendingPathComponent("ctl").path { return try ControlDirectory.ensurePrivate(path) }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: path)
        } catch {
            throw StoreError.io(path: path, message: "cannot create directory: \(error.localizedDescription)")
        }
    }
}
