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
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if fd < 0 { throw StoreError.io(path: path, message: "cannot open lock file: \(String(cString: strerror(errno)))") }
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
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if fd < 0 { throw StoreError.io(path: path, message: "cannot open lock file: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            if errno == EWOULDBLOCK { return nil }
            throw StoreError.io(path: path, message: "cannot lock: \(String(cString: strerror(errno)))")
        }
        defer { flock(fd, LOCK_UN) }
        return try await body()
    }

    /// Whether another process holds the lock now (false when the lock file cannot be opened: nothing holds it).
    public var isHeld: Bool {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if fd < 0 { return false }
        defer { close(fd) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { return errno == EWOULDBLOCK }
        flock(fd, LOCK_UN)
        return false
    }
}
