import CHerdSys
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A process started to outlive herd (a background check `herd ps` leaves behind): a session of its own, stdio
/// on /dev/null, no descriptor of herd's but 0–2, default signal dispositions. Never waited for: when herd exits
/// first it is re-parented, and a terminal's Ctrl-C or hang-up does not reach it.
public enum DetachedProcess {
    /// Starts `executable` (an absolute path) with `arguments`; returns its pid.
    public static func start(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> pid_t {
        var pid: Int32 = 0
        let rc = SpawnVector.with(executable, arguments, environment: environment) { argv, envp in
            herd_spawn_detached(executable, argv, envp, &pid)
        }
        if rc != 0 { throw RemoteError.launch(executable: executable, message: String(cString: strerror(rc))) }
        return pid_t(pid)
    }

    /// The running program's own executable (to start another herd of the same build), or nil when unknown.
    public static var ownExecutable: String? {
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/exe", &buffer, Int(PATH_MAX))
        if n > 0 { return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        #endif
        return Bundle.main.executablePath
    }
}
