import CHerdSys
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The one thread that watches every child herd runs (`ProcessRunner`, `HostSession`): a single `poll` over all
/// their pipes and exit descriptors (`pidfd`), so an idle child costs no wake-up at all and a hundred children
/// cost one thread, not a hundred polling threads.
///
/// Per child it feeds stdin without blocking, reads stdout and stderr, reaps the child when its pidfd says it
/// exited (`waitpid` on that pid only, never on -1: children spawned elsewhere are left alone), enforces the
/// timeout (TERM, then KILL a second later), and keeps reading output for at most the drain grace after the exit
/// (a grandchild holding a pipe never stalls the caller). Where pidfds are missing (kernels before 5.3) it checks
/// the children it watches every 20 ms instead.
///
/// `onOutput` callbacks run on this thread: they must hand the bytes on, not block.
final class ProcessMonitor: @unchecked Sendable {
    /// The monitor of this process.
    static let shared = ProcessMonitor()

    /// One watched child and everything the loop keeps about it (touched only by the monitor thread once added).
    final class Watch: @unchecked Sendable {
        let child: ChildProcess
        let timeout: Duration?
        let drainGrace: Duration
        let captureLimit: Int
        let holdStdin: Bool
        let onOutput: (@Sendable (OutputKind, Data) -> Void)?
        let completion: @Sendable (CommandResult) -> Void

        var pidfd: Int32 = -1
        var input: Data
        var inputSent = 0
        var outOpen = true, errOpen = true
        var out = Data(), err = Data()
        var outDropped = 0, errDropped = 0
        var status: Int32?
        /// The pidfd said the child exited (so a failed reap means it was reaped elsewhere).
        var exitSignalled = false

        /// How long output is read after the exit: the drain grace, but only what is already buffered (20 ms) once
        /// the command was killed for its timeout. Its pipes may stay open in an ssh ControlMaster that was handed
        /// them, and a caller with a short bound (`herd ps`) must not wait the whole grace for nothing.
        var grace: Duration { timedOut ? min(drainGrace, .milliseconds(20)) : drainGrace }
        let start: ContinuousClock.Instant
        var exitedAt: ContinuousClock.Instant?
        var termAt: ContinuousClock.Instant?
        var killed = false
        var timedOut = false

        init(
            child: ChildProcess, input: Data?, timeout: Duration?, drainGrace: Duration, captureLimit: Int, holdStdin: Bool,
            onOutput: (@Sendable (OutputKind, Data) -> Void)?, completion: @escaping @Sendable (CommandResult) -> Void
        ) {
            self.child = child
            self.input = input ?? Data()
            self.timeout = timeout
            self.drainGrace = drainGrace
            self.captureLimit = captureLimit
            self.holdStdin = holdStdin
            self.onOutput = onOutput
            self.completion = completion
            start = ContinuousClock.now
        }

        /// Whether stdin still has input to write.
        var writing: Bool { inputSent < input.count && child.stdin >= 0 }
    }

    private let lock = NSLock()
    private var pending: [Watch] = []
    private var wakeRead: Int32 = -1, wakeWrite: Int32 = -1
    private var started = false

    /// Starts watching `watch`'s child; its `completion` runs once, on the monitor thread, when it is reaped and
    /// its output drained.
    func add(_ watch: Watch) {
        watch.pidfd = herd_pidfd_open(watch.child.pid)
        if watch.child.stdin >= 0 && !watch.input.isEmpty {
            let flags = fcntl(watch.child.stdin, F_GETFL)
            _ = fcntl(watch.child.stdin, F_SETFL, flags | O_NONBLOCK)
        }
        if watch.input.isEmpty && !watch.holdStdin { watch.child.closeStdin() }
        lock.lock()
        if !started { startThread() }
        pending.append(watch)
        lock.unlock()
        wake()
    }

    private func wake() {
        var b: UInt8 = 1
        _ = Glibc.write(wakeWrite, &b, 1)
    }

    /// Called under the lock, once.
    private func startThread() {
        var fds: [Int32] = [-1, -1]
        guard herd_pipe_cloexec(&fds) == 0 else { fatalError("herd: no pipe for the process monitor: \(String(cString: strerror(errno)))") }
        wakeRead = fds[0]
        wakeWrite = fds[1]
        _ = fcntl(wakeRead, F_SETFL, fcntl(wakeRead, F_GETFL) | O_NONBLOCK)
        _ = fcntl(wakeWrite, F_SETFL, fcntl(wakeWrite, F_GETFL) | O_NONBLOCK)
        started = true
        let thread = Thread { [self] in loop() }
        thread.name = "herd-process-monitor"
        thread.stackSize = 512 * 1024
        thread.start()
    }

    private enum Slot { case wake, out(Watch), err(Watch), exit(Watch), input(Watch) }

    private func loop() {
        var watches: [Watch] = []
        var buf = [UInt8](repeating: 0, count: 65536)
        let clock = ContinuousClock()
        while true {
            lock.lock()
            watches += pending
            pending.removeAll()
            lock.unlock()

            var fds: [pollfd] = [pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
            var slots: [Slot] = [.wake]
            var waitMs: Int32 = -1
            let now = clock.now
            func soonest(_ at: ContinuousClock.Instant) {
                let ms = at <= now ? 0 : Int32(min(60_000, ((at - now) / .milliseconds(1)).rounded(.up)))
                waitMs = waitMs < 0 ? ms : min(waitMs, ms)
            }
            for w in watches {
                if w.outOpen { fds.append(pollfd(fd: w.child.stdout, events: Int16(POLLIN), revents: 0)); slots.append(.out(w)) }
                if w.errOpen { fds.append(pollfd(fd: w.child.stderr, events: Int16(POLLIN), revents: 0)); slots.append(.err(w)) }
                if w.writing { fds.append(pollfd(fd: w.child.stdin, events: Int16(POLLOUT), revents: 0)); slots.append(.input(w)) }
                if w.status == nil {
                    if w.pidfd >= 0 {
                        fds.append(pollfd(fd: w.pidfd, events: Int16(POLLIN), revents: 0))
                        slots.append(.exit(w))
                    } else {
                        soonest(now + .milliseconds(20))
                    }
                    if let t = w.timeout, w.termAt == nil { soonest(w.start + t) }
                    if let term = w.termAt, !w.killed { soonest(term + .seconds(1)) }
                } else if let exited = w.exitedAt {
                    soonest(exited + w.grace)
                }
            }
            if poll(&fds, nfds_t(fds.count), waitMs) < 0 && errno != EINTR {
                usleep(10_000)
                continue
            }
            for (i, f) in fds.enumerated() where f.revents != 0 {
                switch slots[i] {
                case .wake:
                    while Glibc.read(wakeRead, &buf, buf.count) > 0 {}
                case .out(let w):
                    read(w, .stdout, &buf)
                case .err(let w):
                    read(w, .stderr, &buf)
                case .input(let w):
                    feed(w)
                case .exit(let w):
                    w.exitSignalled = true  // reaped below
                }
            }
            // Reap, time out, and finish.
            let after = clock.now
            var finished: [Watch] = []
            watches.removeAll { w in
                // With a pidfd the child is reaped once it polled readable (no waitpid per watch per wake-up: a
                // daemon's 32 sessions made that a thousand system calls a second).
                let due = w.pidfd < 0 || w.exitSignalled
                if w.status == nil, due, let s = w.child.reapIfExited() ?? (w.exitSignalled ? -1 : nil) {
                    w.status = s
                    w.exitedAt = after
                    if w.pidfd >= 0 { close(w.pidfd); w.pidfd = -1 }
                }
                if let exited = w.exitedAt {
                    if (!w.outOpen && !w.errOpen) || after - exited >= w.grace {
                        finished.append(w)
                        return true
                    }
                    return false
                }
                if let t = w.timeout, w.termAt == nil, after - w.start >= t {
                    w.timedOut = true
                    w.child.signal(SIGTERM)
                    w.termAt = after
                }
                if let term = w.termAt, !w.killed, after - term >= .seconds(1) {
                    w.child.signal(SIGKILL)
                    w.killed = true
                }
                return false
            }
            for w in finished { finish(w) }
        }
    }

    private func read(_ w: Watch, _ kind: OutputKind, _ buf: inout [UInt8]) {
        let fd = kind == .stdout ? w.child.stdout : w.child.stderr
        let n = Glibc.read(fd, &buf, buf.count)
        if n > 0 {
            let limit = w.captureLimit
            if kind == .stdout {
                let keep = min(n, max(0, limit - w.out.count))
                if keep > 0 { w.out.append(contentsOf: buf[0..<keep]) }
                w.outDropped += n - keep
            } else {
                let keep = min(n, max(0, limit - w.err.count))
                if keep > 0 { w.err.append(contentsOf: buf[0..<keep]) }
                w.errDropped += n - keep
            }
            w.onOutput?(kind, Data(buf[0..<n]))
        } else if n == 0 || (errno != EINTR && errno != EAGAIN) {
            if kind == .stdout { w.outOpen = false } else { w.errOpen = false }
        }
    }

    /// Writes what the pipe takes now; closes stdin once everything is written (unless it is held open) or the
    /// child stopped reading (EPIPE).
    private func feed(_ w: Watch) {
        let n = w.input.withUnsafeBytes { raw in
            w.child.writeSome(UnsafeRawBufferPointer(rebasing: raw[w.inputSent...]))
        }
        if n > 0 { w.inputSent += n }
        if n < 0 {
            w.inputSent = w.input.count
            w.child.closeStdin()
            return
        }
        if w.inputSent >= w.input.count {
            w.input = Data()
            w.inputSent = 0
            if !w.holdStdin { w.child.closeStdin() }
        }
    }

    private func finish(_ w: Watch) {
        if w.pidfd >= 0 { close(w.pidfd); w.pidfd = -1 }
        w.child.closeStdin()
        w.child.closeOutputs()
        let end = w.exitedAt ?? ContinuousClock.now
        var result = CommandResult(status: w.status ?? -1, stdout: w.out, stderr: w.err, timedOut: w.timedOut, duration: end - w.start)
        result.stdoutDropped = w.outDropped
        result.stderrDropped = w.errDropped
        w.completion(result)
    }
}
