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

    /// User + system seconds of this process's live children, read from `/proc/<pid>/stat` (Linux).
    public static func childrenSeconds() -> Double {
        let me = getpid()
        let tick = Double(sysconf(Int32(_SC_CLK_TCK)))
        var total = 0.0
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(me)/task")) ?? []
        for t in tasks {
            guard let list = try? String(contentsOfFile: "/proc/\(me)/task/\(t)/children", encoding: .utf8) else { continue }
            for pid in list.split(separator: " ") {
                guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                    let close = stat.lastIndex(of: ")")
                else { continue }
                // Fields after the command name: state is field 3; utime and stime are fields 14 and 15.
                let fields = stat[stat.index(after: close)...].split(separator: " ")
                if fields.count > 12, let ut = Double(fields[11]), let st = Double(fields[12]) { total += (ut + st) / tick }
            }
        }
        return total
    }
}
