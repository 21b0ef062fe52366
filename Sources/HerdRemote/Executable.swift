import Foundation
import Synchronization

/// Finds programs on `PATH` once, so children are started by absolute path.
public enum Executable {
    /// Programs found on `$PATH` so far (a long-lived process asks again for every job check: the walk and the
    /// environment copy were 2% of a daemon's CPU). Only hits are kept: a program installed later is still found.
    private static let found = Mutex<[String: String]>([:])

    /// The absolute path of `name` on `path` (default `$PATH`), or nil.
    public static func find(_ name: String, path: String? = nil) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        let searched = path ?? getenv("PATH").map { String(cString: $0) }
        let key = "\(searched ?? "")\u{0}\(name)"
        if let hit = found.withLock({ $0[key] }) { return hit }
        let dirs = (searched ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        for dir in dirs {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) {
                found.withLock { $0[key] = candidate }
                return candidate
            }
        }
        return nil
    }
}
