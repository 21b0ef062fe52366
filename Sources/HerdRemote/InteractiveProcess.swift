import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program on herd's own terminal (stdin, stdout, stderr inherited, same process group, so a tty child
/// such as `ssh -t … tmux attach` works) and waits for it. herd ignores SIGINT and SIGQUIT meanwhile: they are
/// the child's to handle.
public enum InteractiveProcess {
    /// Runs `executable` with `arguments` and returns its exit status (128+signal when killed).
    /// With `stderrFile`, the child's standard error goes to that file (created 0600, truncated) instead of the
    /// terminal, so a caller that redraws the screen afterwards can still show why the child failed.
    public static func run(_ executable: String, _ arguments: [String], stderrFile: String? = nil) throws -> Int32 {
        var attr = ChildProcess.defaultSignalAttributes(newProcessGroup: false)
        defer { posix_spawnattr_destroy(&attr) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stderrFile { posix_spawn_file_actions_addopen(&actions, 2, stderrFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600) }
        let argv = ([executable] + arguments).map { strdup($0) }
        defer { argv.forEach { free($0) } }
        let oldInt = signal(SIGINT, SIG_IGN), oldQuit = signal(SIGQUIT, SIG_IGN)
        defer {
            signal(SIGINT, oldInt)
            signal(SIGQUIT, oldQuit)
        }
        var pid: pid_t = 0
        let rc = (argv + [nil]).withUnsafeBufferPointer { a in
            posix_spawn(&pid, executable, &actions, &attr, UnsafeMutablePointer(mutating: a.baseAddress!), environ)
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
