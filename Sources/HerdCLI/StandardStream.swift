import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// herd's only way to write to stdout and stderr: whole writes through write(2), retried on EINTR and
/// short writes, and a closed pipe (EPIPE, `herd … | head -1`) ends herd at once, quietly, with status 141
/// as if SIGPIPE had killed it (SIGPIPE itself is ignored so that a dying child cannot kill herd).
enum StandardStream {
    /// The exit status after the reader of stdout or stderr went away (128 + SIGPIPE, as the shell reports).
    static let closedPipeStatus: Int32 = 141

    /// Writes `data` to stdout.
    static func out(_ data: Data) { write(data, fd: STDOUT_FILENO) }

    /// Writes `text` to stdout.
    static func out(_ text: String) { write(Data(text.utf8), fd: STDOUT_FILENO) }

    /// Writes `data` to stderr.
    static func err(_ data: Data) { write(data, fd: STDERR_FILENO) }

    /// Writes `text` to stderr.
    static func err(_ text: String) { write(Data(text.utf8), fd: STDERR_FILENO) }

    /// Writes all of `data` to `fd`. EPIPE exits (status 141); other errors drop the rest (a full disk or
    /// a revoked terminal must not crash herd).
    static func write(_ data: Data, fd: Int32) {
        guard !data.isEmpty else { return }
        data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                #if canImport(Glibc)
                let n = Glibc.write(fd, base + offset, raw.count - offset)
                #else
                let n = Darwin.write(fd, base + offset, raw.count - offset)
                #endif
                if n > 0 {
                    offset += n
                    continue
                }
                if n < 0 && errno == EINTR { continue }
                if n < 0 && errno == EAGAIN {
                    var p = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&p, 1, 100)
                    continue
                }
                if n < 0 && errno == EPIPE { exit(closedPipeStatus) }
                return
            }
        }
    }
}
