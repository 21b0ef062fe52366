import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where ssh's ControlMaster sockets go: `$HERD_HOME/ctl` when that path can carry them, else a short private
/// directory `/tmp/herd-<uid>-<hash of HERD_HOME>`.
///
/// Two limits decide. A Unix socket path holds at most 103 bytes on macOS (107 on Linux), and ssh binds
/// `<dir>/<%C: 40 hex digits>.<16 random characters>` before renaming it into place, so the directory may take
/// at most 103 − 58 = 45 bytes. And ssh reads `ControlPath` as a config line: it expands `%` tokens and `~`, and
/// splits on spaces and quotes, so a directory with any character outside a plain set goes to /tmp as well.
public enum ControlDirectory {
    /// The longest directory whose sockets still fit in `sun_path` on every platform herd runs on.
    public static let maxLength = 103 - (1 + 40 + 17)

    /// The socket directory for the state directory `home`, for user `uid`.
    public static func path(forHome home: String, uid: uid_t) -> String {
        let preferred = (home.hasSuffix("/") ? String(home.dropLast()) : home) + "/ctl"
        return usable(preferred) ? preferred : fallback(forHome: home, uid: uid)
    }

    /// Whether `dir` is short enough and made only of characters ssh takes literally in a `ControlPath`.
    public static func usable(_ dir: String) -> Bool {
        dir.utf8.count <= maxLength && dir.hasPrefix("/")
            && dir.utf8.allSatisfy { b in
                (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
                    || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || "/._-+,@".utf8.contains(b)
            }
    }

    /// `/tmp/herd-<uid>-<16 hex digits>`, the digits a stable hash (FNV-1a) of `home`, so each state directory
    /// keeps its own sockets.
    public static func fallback(forHome home: String, uid: uid_t) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in home.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "/tmp/herd-\(uid)-" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Creates `path` with mode 0700, or checks that the existing one is a directory (not a link) owned by this
    /// user, and takes group and other access away from it. Throws a one-line error naming `path` otherwise.
    public static func ensurePrivate(_ path: String) throws {
        if mkdir(path, 0o700) != 0 && errno != EEXIST {
            throw StoreError.io(path: path, message: "cannot create directory: \(String(cString: strerror(errno)))")
        }
        var st = stat()
        guard lstat(path, &st) == 0 else {
            throw StoreError.io(path: path, message: "cannot inspect: \(String(cString: strerror(errno)))")
        }
        guard (st.st_mode & S_IFMT) == S_IFDIR else {
            throw StoreError.io(path: path, message: "is not a directory; remove it so herd can keep its ssh sockets there")
        }
        guard st.st_uid == getuid() else {
            throw StoreError.io(path: path, message: "is owned by uid \(st.st_uid), not by you; remove it so herd can keep its ssh sockets there")
        }
        if st.st_mode & 0o077 != 0, chmod(path, 0o700) != 0 {
            throw StoreError.io(path: path, message: "cannot make it private: \(String(cString: strerror(errno)))")
        }
    }
}
