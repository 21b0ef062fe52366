import CHerdSys
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child started with `posix_spawn`: default signal dispositions and an empty signal mask (herd ignores
/// SIGPIPE; its children must not inherit that), the caller's process group, pipes for stdio.
///
/// Foundation's `Process` on Linux ties its exit notification to the output pipes closing, so a grandchild
/// holding a pipe (a backgrounded job, an ssh ControlMaster) delays it indefinitely; owning `waitpid` avoids that.
public final class ChildProcess: @unchecked Sendable {
    public let pid: pid_t
    /// Write end of the child's stdin, or -1 when stdin is /dev/null.
    public private(set) var stdin: Int32
    /// Read ends of the child's stdout and stderr.
    public let stdout: Int32
    public let stderr: Int32

    /// Whether the child leads its own process group (signals then go to the whole group).
    public let ownsGroup: Bool

    private init(pid: pid_t, stdin: Int32, stdout: Int32, stderr: Int32, ownsGroup: Bool) {
        self.pid = pid
        self.ownsGroup = ownsGroup
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
    }

    /// herd writes to children that may have died; that must be an error return (EPIPE), not a fatal SIGPIPE.
    private static let ignoreSIGPIPE: Void = { _ = Glibc.signal(SIGPIPE, SIG_IGN) }()

    /// Starts `executable` (an absolute path) with `arguments`; `environment` replaces the inherited one when given.
    /// With `newProcessGroup` the child leads a process group of its own, so it (and what it starts) can be
    /// signalled as a group without touching herd.
    public static func spawn(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil, pipeStdin: Bool,
        newProcessGroup: Bool = false
    ) throws -> ChildProcess {
        _ = ignoreSIGPIPE
        var inFDs: [Int32] = [-1, -1], outFDs: [Int32] = [-1, -1], errFDs: [Int32] = [-1, -1]
        func makePipe(_ fds: inout [Int32]) throws {
            if herd_pipe_cloexec(&fds) != 0 { throw RemoteError.launch(executable: executable, message: "pipe: \(String(cString: strerror(errno)))") }
        }
        try makePipe(&outFDs)
        try makePipe(&errFDs)
        if pipeStdin { try makePipe(&inFDs) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if pipeStdin {
            posix_spawn_file_actions_adddup2(&actions, inFDs[0], 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, outFDs[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errFDs[1], 2)

        var attr = ChildProcess.defaultSignalAttributes(newProcessGroup: newProcessGroup)
        defer { posix_spawnattr_destroy(&attr) }

        var pid: pid_t = 0
        let rc = SpawnVector.with(executable, arguments, environment: environment) { argv, envp in
            posix_spawn(&pid, executable, &actions, &attr, argv, envp)
        }
        close(outFDs[1])
        close(errFDs[1])
        if pipeStdin { close(inFDs[0]) }
        if rc != 0 {
            close(outFDs[0])
            close(errFDs[0])
            if pipeStdin { close(inFDs[1]) }
            throw RemoteError.launch(executable: executable, message: String(cString: strerror(rc)))
        }
        return ChildProcess(pid: pid, stdin: pipeStdin ? inFDs[1] : -1, stdout: outFDs[0], stderr: errFDs[0], ownsGroup: newProcessGroup)
    }

    /// Spawn attributes that give the child default signal dispositions and an empty mask (optionally a process
    /// group of its own). The caller destroys them.
    static func defaultSignalAttributes(newProcessGroup: Bool) -> posix_spawnattr_t {
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        var all = sigset_t()
        sigfillset(&all)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attr, &all)
        posix_spawnattr_setsigmask(&attr, &none)
        var flags = POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK
        if newProcessGroup {
            flags |= POSIX_SPAWN_SETPGROUP
            posix_spawnattr_setpgroup(&attr, 0)
        }
        posix_spawnattr_setflags(&attr, Int16(flags))
        return attr
    }

    /// Sends `sig` to the child (to its whole process group when it leads one).
    public func signal(_ sig: Int32) { kill(ownsGroup ? -pid : pid, sig) }

    /// Guards `stdin`: a write and a close from two threads never meet (a write into a reused descriptor number).
    private let stdinLock = NSLock()

    /// Writes all of `data` to stdin; false when the child is gone (EPIPE) or stdin is closed.
    public func write(_ data: Data) -> Bool {
        stdinLock.lock()
        defer { stdinLock.unlock() }
        guard stdin >= 0 else { return false }
        return data.withUnsafeBytes { raw in
            var off = 0
            while off < raw.count {
                let n = Glibc.write(stdin, raw.baseAddress! + off, raw.count - off)
                if n < 0 {
                    if errno == EINTR { continue }
                    if errno == EAGAIN {
                        var p = pollfd(fd: stdin, events: Int16(POLLOUT), revents: 0)
                        _ = poll(&p, 1, 100)
                        continue
                    }
                    return false
                }
                if n == 0 { return false }
                off += n
            }
            return true
        }
    }

    /// Writes what stdin takes now (stdin non-blocking): the count written, 0 when the pipe is full, -1 when the
    /// child is gone or stdin is closed.
    func writeSome(_ bytes: UnsafeRawBufferPointer) -> Int {
        stdinLock.lock()
        defer { stdinLock.unlock() }
        guard stdin >= 0, let base = bytes.baseAddress else { return stdin >= 0 ? 0 : -1 }
        while true {
            let n = Glibc.write(stdin, base, bytes.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            return errno == EAGAIN ? 0 : -1
        }
    }

    /// Closes stdin (the child sees EOF).
    public func closeStdin() {
        stdinLock.lock()
        defer { stdinLock.unlock() }
        if stdin >= 0 { close(stdin); stdin = -1 }
    }

    /// Reaps the child if it has exited: its exit status (128+signal when killed), else nil.
    public func reapIfExited() -> Int32? {
        var status: Int32 = 0
        let r = waitpid(pid, &status, WNOHANG)
        guard r == pid else { return nil }
        return Self.decode(status)
    }

    /// Waits for the child to exit and returns its status.
    public func waitForExit() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return -1 }
        }
        return Self.decode(status)
    }

    /// Closes the read ends of stdout and stderr.
    public func closeOutputs() {
        close(stdout)
        close(stderr)
    }

    private static func decode(_ status: Int32) -> Int32 {
        let sig = status & 0x7f
        if sig == 0 { return (status >> 8) & 0xff }
        return 128 + sig
    }
}
