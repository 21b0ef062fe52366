import Foundation
import HerdCore
#if canImport(Glibc)
import Glibc
#endif

/// `$HERD_HOME/audit.log` (mode 0600): one line per mutating remote action (clean, init, stop, rm) and host:
/// `TIME HOST ACTION STATUS` (ISO-8601 UTC time; the remote exit status, `timeout`, `failed`, or `interrupted` when
/// Ctrl-C or SIGTERM stopped herd while the host was still working).
public struct AuditLog: Sendable {
    public let home: HerdHome

    /// The status of a host whose action was cut short by SIGINT or SIGTERM.
    public static let interrupted = "interrupted"

    public init(home: HerdHome) { self.home = home }

    /// The log file.
    public var file: URL { home.root.appendingPathComponent("audit.log") }

    /// Appends one line per entry with a single `O_APPEND` write, so lines of concurrent herd processes never mix.
    public func append(_ entries: [(host: String, action: String, status: String)], at date: Date = Date()) throws {
        guard !entries.isEmpty else { return }
        try home.ensureExists()
        let time = ISO8601DateFormatter().string(from: date)
        let text = entries.map { "\(time) \($0.host) \($0.action.replacingOccurrences(of: " ", with: "_")) \($0.status)\n" }.joined()
        let fd = open(file.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        if fd < 0 { throw StoreError.io(path: file.path, message: "cannot open: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        // A log created by an older herd (or under another umask) is tightened too.
        _ = fchmod(fd, 0o600)
        let ok = Data(text.utf8).withUnsafeBytes { raw in Glibc.write(fd, raw.baseAddress, raw.count) == raw.count }
        if !ok { throw StoreError.io(path: file.path, message: "write failed: \(String(cString: strerror(errno)))") }
    }
}
