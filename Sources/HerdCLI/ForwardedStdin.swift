import Foundation
import HerdCore
#if canImport(Glibc)
import Glibc
#endif

/// The stdin `herd on` forwards to every host, as clush does: read whole (at most `limit` bytes) when herd's own
/// stdin is a pipe, a file or a socket; a terminal, /dev/null or any other device is not read (the command gets
/// /dev/null, as before).
enum ForwardedStdin {
    /// The most bytes herd forwards: 64 MiB (larger data belongs in `herd cp`).
    static let limit = 64 << 20

    /// True when fd 0 is something to forward (a pipe, a regular file or a socket, never a terminal).
    static func shouldRead(fd: Int32 = STDIN_FILENO) -> Bool {
        if isatty(fd) == 1 { return false }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return false }
        let type = st.st_mode & S_IFMT
        return type == S_IFIFO || type == S_IFREG || type == S_IFSOCK
    }

    /// Reads fd 0 to EOF; past `limit` bytes, a one-line input error (exit 2).
    static func read(fd: Int32 = STDIN_FILENO, limit: Int = ForwardedStdin.limit) throws -> Data {
        var data = Data()
        var buf = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = Glibc.read(fd, &buf, buf.count)
            if n < 0 {
                if errno == EINTR { continue }
                throw HerdError.invalidInput("cannot read stdin: \(String(cString: strerror(errno)))")
            }
            if n == 0 { return data }
            if data.count + n > limit {
                throw HerdError.invalidInput(
                    "stdin is larger than \(limit >> 20) MiB, the most herd on forwards: copy big files with herd cp, or pass --no-stdin")
            }
            data.append(contentsOf: buf[0..<n])
        }
    }
}
