import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that readers see the old content or the new, never a mix: temp file, fsync, rename.
public enum AtomicFile {
    /// Replaces the file at `path` with `data` (mode `mode`), atomically.
    public static func write(_ data: Data, to path: String, mode: mode_t = 0o600) throws {
        let dir = (path as NSString).deletingLastPathComponent
        let tmp = "\(dir)/.\((path as NSString).lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        if fd < 0 { throw StoreError.io(path: tmp, message: "cannot create: \(String(cString: strerror(errno)))") }
        var ok = false
        defer {
            if !ok { unlink(tmp) }
        }
        do {
            defer { close(fd) }
            try data.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                    if n < 0 {
                        if errno == EINTR { continue }
                        throw StoreError.io(path: tmp, message: "write failed: \(String(cString: strerror(errno)))")
                    }
                    offset += n
                }
            }
            if fsync(fd) != 0 { throw StoreError.io(path: tmp, message: "fsync failed: \(String(cString: strerror(errno)))") }
        }
        if rename(tmp, path) != 0 {
            throw StoreError.io(path: path, message: "rename failed: \(String(cString: strerror(errno)))")
        }
        ok = true
        let dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 { fsync(dfd); close(dfd) }
    }
}
