import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// CPU time used by this process and its live direct children (the ssh clients), for benchmarks.
public enum ProcessCPU {
    /// User + system seconds of this process.
    public static func selfSeconds() -> Double {
        var u = rusage()
        getrusage(RUSAGE_SELF.rawValue, &u)
        return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
    }

    /// User + system seconds of this process's children that exited and were reaped (`RUSAGE_CHILDREN`).
    public static func reapedChildrenSeconds() -> Double {
        var u = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &u)
        return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
    }

    /// User + system seconds of this process's live direct children, read from `/proc/<pid>/stat` (Linux),
    /// plus the ssh ControlMaster processes serving sockets in `controlDir` (ssh forks those into the
    /// background, so they are not our children, but they do the crypto for our connections).
    public static func childrenSeconds(controlDir: String? = nil) -> Double {
        let me = getpid()
        let tick = Double(sysconf(Int32(_SC_CLK_TCK)))
        var total = 0.0
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] where entry.first?.isNumber == true {
            guard let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            // After the command name: state, ppid, …; utime and stime are fields 14 and 15 of the line.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 12, let ut = Double(fields[11]), let st = Double(fields[12]) else { continue }
            if Int32(fields[1]) != me {
                guard let dir = controlDir, stat.contains("(ssh)"),
                    let cmd = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline"),
                    String(decoding: cmd, as: UTF8.self).hasPrefix("ssh: \(dir)/")
                else { continue }
            }
            total += (ut + st) / tick
        }
        return total
    }
}
