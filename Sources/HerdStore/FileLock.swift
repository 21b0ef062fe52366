import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive advisory lock (`flock`) on a lock file, held for the duration of `withLock`.
public struct FileLock: Sendable {
    /// The lock file; created (mode 0600) when missing.
    public let path: String

    public init(path: String) { self.path = path }

    /// Runs `body` while holding the lock, waiting for other holders (other herd processes) to finish.
    public func withLock<T>(_ body: () throws -> T) throws -> T {
        let fd = try openFile()
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            throw StoreError.io(path: path, message: "cannot lock: \(String(cString: strerror(errno)))")
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    /// Runs `body` while holding the lock when no other process holds it; nil at once (body not run) when one does.
    public func withLockIfFree<T>(_ body: () async throws -> T) async throws -> T? {
        let fd = try openFile()
        defer { close(fd) }
        guard try tryLock(fd) else { return nil }
        defer { flock(fd, LOCK_UN) }
        return try await body()
    }

    /// Whether another process holds the lock now (false when the lock file cannot be opened: nothing holds it).
    public var isHeld: Bool {
        guard let fd = try? openFile() else { return false }
        defer { close(fd) }
        switch try? tryLock(fd) {
        case true?:
            flock(fd, LOCK_UN)
            return false
        case false?: return true
        case nil: return false  // flock failed otherwise: nothing is known to hold it
        }
    }

    /// The lock file, opened (created 0600 when missing).
    private func openFile() throws -> Int32 {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if fd < 0 { throw StoreError.io(path: path, message: "cannot open lock file: \(String(cString: strerror(errno)))") }
        return fd
    }

    /// Takes the lock on `fd` without waiting: true when taken, false when another holder has it.
    private func tryLock(_ fd: Int32) throws -> Bool {
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            if errno == EWOULDBLOCK { return false }
            throw StoreError.io(path: path, message: "cannot lock: \(String(cString: strerror(errno)))")
        }
        return true
    }
}
