import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The NUL-terminated `argv` and `envp` arrays `posix_spawn` takes, made from Swift strings and freed after use.
enum SpawnVector {
    /// Calls `body` with argv (`executable` then `arguments`) and envp (`environment`, or herd's own).
    static func with<T>(
        _ executable: String, _ arguments: [String], environment: [String: String]?,
        _ body: (_ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>, _ envp: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> T
    ) -> T {
        let argv = ([executable] + arguments).map { strdup($0) }
        defer { argv.forEach { free($0) } }
        let env = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") }
        defer { env.forEach { free($0) } }
        return (argv + [nil]).withUnsafeBufferPointer { a in
            (env + [nil]).withUnsafeBufferPointer { e in
                body(UnsafeMutablePointer(mutating: a.baseAddress!), UnsafeMutablePointer(mutating: e.baseAddress!))
            }
        }
    }
}
