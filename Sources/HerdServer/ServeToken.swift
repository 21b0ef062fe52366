import Foundation
import HerdCore
#if canImport(Glibc)
import Glibc
#endif

/// The bearer token a non-loopback listener requires: `$HERD_HOME/serve.token`, created (mode 0600, 32 random
/// bytes as hex) when missing, and compared in constant time.
public struct ServeToken: Sendable {
    public let value: String

    /// Reads the token at `path`, creating it first when missing. A token file that others may read is refused.
    public static func loadOrCreate(path: String) throws -> ServeToken {
        if FileManager.default.fileExists(atPath: path) {
            var st = stat()
            guard stat(path, &st) == 0 else { throw HerdError.invalidInput("cannot read \(path): \(String(cString: strerror(errno)))") }
            if st.st_mode & 0o077 != 0 { throw HerdError.invalidInput("\(path) is readable by others: chmod 600 it") }
            guard let data = FileManager.default.contents(atPath: path) else { throw HerdError.invalidInput("cannot read \(path)") }
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard text.count >= 16, text.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
                throw HerdError.invalidInput("\(path): a token is at least 16 printable characters")
            }
            return ServeToken(value: text)
        }
        var bytes = [UInt8](repeating: 0, count: 32)
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255) }
        let value = bytes.map { String(format: "%02x", $0) }.joined()
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw HerdError.invalidInput("cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let line = value + "\n"
        let ok = line.withCString { write(fd, $0, strlen($0)) == strlen($0) }
        if !ok { throw HerdError.invalidInput("cannot write \(path)") }
        return ServeToken(value: value)
    }

    /// Whether an `Authorization` header carries this token (`Bearer TOKEN`), compared without an early exit.
    public func accepts(authorization: String?) -> Bool {
        guard let authorization, authorization.hasPrefix("Bearer ") else { return false }
        return Self.constantTimeEqual(Array(authorization.dropFirst(7).utf8), Array(value.utf8))
    }

    /// Equal bytes, taking the same time wherever the first difference is.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var diff = UInt8(a.count == b.count ? 0 : 1)
        for i in 0..<max(a.count, b.count) {
            diff |= (i < a.count ? a[i] : 0) ^ (i < b.count ? b[i] : 0)
        }
        return diff == 0
    }
}
