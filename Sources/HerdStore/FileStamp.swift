#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What tells one version of a file from the next without reading it: device, inode, size, and modification and
/// change times (an atomic rename gives a new inode; an edit in place moves the times).
struct FileStamp: Equatable, Sendable {
    let device: UInt64
    let inode: UInt64
    let size: Int64
    let modified: [Int]
    let changed: [Int]

    init(_ st: stat) {
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
        size = Int64(st.st_size)
        #if canImport(Darwin)
        modified = [st.st_mtimespec.tv_sec, st.st_mtimespec.tv_nsec]
        changed = [st.st_ctimespec.tv_sec, st.st_ctimespec.tv_nsec]
        #else
        modified = [st.st_mtim.tv_sec, st.st_mtim.tv_nsec]
        changed = [st.st_ctim.tv_sec, st.st_ctim.tv_nsec]
        #endif
    }
}
