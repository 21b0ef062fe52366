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
    /// With `client` (a daemon's caller: socket peer uid, TCP address), each line ends with ` client=NAME`.
    public func append(_ entries: [(host: String, action: String, status: String)], client: String? = nil, at date: Date = Date()) throws {
        guard !entries.isEmpty else { return }
        try home.ensureExists()
        let time = ISO8601DateFormatter().string(from: date)
        let by = client.map { " client=" + Self.word($0) } ?? ""
        let text = entries.map { "\(time) \(Self.word($0.host)) \(Self.word($0.action)) \(Self.word($0.status))\(by)\n" }.joined()
        let fd = open(file.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        if fd < 0 { throw StoreError.io(path: file.path, message: "cannot open: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        // A log created by an older herd (or under another umask) is tightened too.
        _ = fchmod(fd, 0o600)
        let ok = Data(text.utf8).withUnsafeBytes { raw in Glibc.write(fd, raw.baseAddress, raw.count) == raw.count }
        if !ok { throw StoreError.io(path: file.path, message: "write failed: \(String(cString: strerror(errno)))") }
    }

    /// `text` as one field of a line: spaces and controls become `_` (a line is always `TIME HOST ACTION STATUS`).
    static func word(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F ? "_" : $0 }))
    }
}
