#if canImport(Glibc)
import Glibc
#endif

/// Facts about the machine herd runs on, read without ssh.
public enum LocalSystem {
    /// The OS family as the roster writes it: "linux", "macos", or uname's sysname lowercased.
    public static var osName: String {
        var u = utsname()
        guard uname(&u) == 0 else { return "" }
        let sys = withUnsafeBytes(of: &u.sysname) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        return sys == "Darwin" ? "macos" : sys.lowercased()
    }
}
