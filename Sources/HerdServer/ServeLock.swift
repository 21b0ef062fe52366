import Foundation
import HerdCore
#if canImport(Glibc)
import Glibc
#endif

/// The exclusive lock one `herd serve` holds on its home for its whole life (`$HERD_HOME/serve.lock`, flock):
/// a second server on the same home fails to take it and refuses to start. The kernel drops the lock when the
/// process dies (kill -9 included), so a killed daemon never blocks the next one.
public final class ServeLock: Sendable {
    private let fd: Int32

    /// Takes the lock, or throws naming the pid of the server that holds it.
    public init(path: String) throws {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw HerdError.invalidInput("cannot open \(path): \(String(cString: strerror(errno)))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            var buf = [UInt8](repeating: 0, count: 32)
            let n = pread(fd, &buf, buf.count, 0)
            close(fd)
            let pid = n > 0 ? String(decoding: buf[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : "?"
            let shown = pid.allSatisfy(\.isNumber) && !pid.isEmpty ? pid : "?"
            throw HerdError.invalidInput("herd serve is already running on this home (pid \(shown), lock \(path))")
        }
        _ = ftruncate(fd, 0)
        let text = "\(getpid())\n"
        _ = text.withCString { pwrite(fd, $0, strlen($0), 0) }
        self.fd = fd
    }

    deinit { close(fd) }
}
