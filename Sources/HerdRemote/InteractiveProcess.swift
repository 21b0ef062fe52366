import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program on herd's own terminal (stdin, stdout, stderr inherited, same process group, so a tty child
/// such as `ssh -t … tmux attach` works) and waits for it. herd ignores SIGINT and SIGQUIT meanwhile: they are
/// the child's to handle.
public enum InteractiveProcess {
    /// Runs `executable` with `arguments` and returns its exit status (128+signal when killed).
    public static func run(_ executable: String, _ arguments: [String]) throws -> Int32 {
        var attr = ChildProcess.defaultSignalAttributes(newProcessGroup: false)
        defer { posix_spawnattr_destroy(&attr) }
        let argv = ([executable] + arguments).map { strdup($0) }
        defer { argv.forEach { free($0) } }
        let oldInt = signal(SIGINT, SIG_IGN), oldQuit = signal(SIGQUIT, SIG_IGN)
        defer {
            signal(SIGINT, oldInt)
            signal(SIGQUIT, oldQuit)
        }
        var pid: pid_t = 0
        let rc = (argv + [nil]).withUnsafeBufferPointer { a in
            posix_spawn(&pid, executable, nil, &attr, UnsafeMutablePointer(mutating: a.baseAddress!), environ)
        }
        if rc != 0 { throw RemoteError.launch(executable: executable, message: String(cString: strerror(rc))) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return -1 }
        }
        let sig = status & 0x7f
        return sig == 0 ? (status >> 8) & 0xff : 128 + sig
    }
}
