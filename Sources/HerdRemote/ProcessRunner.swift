import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs local programs to completion on a thread of their own (never on the cooperative pool).
///
/// On timeout the process gets SIGTERM, then SIGKILL one second later; when the calling task is cancelled, SIGTERM. Output is read until EOF, but no
/// longer than `drainGrace` after exit, so a grandchild that keeps a pipe open never stalls the caller.
public struct ProcessRunner: CommandRunner {
    /// Extra variables for the child's environment (on top of the inherited one).
    public var environment: [String: String]
    /// How long to keep reading output after the process exited.
    public var drainGrace: Duration

    public init(environment: [String: String] = [:], drainGrace: Duration = .milliseconds(200)) {
        self.environment = environment
        self.drainGrace = drainGrace
    }

    public func run(_ executable: String, _ arguments: [String], input: Data?, timeout: Duration?) async throws -> CommandResult {
        try await launch(executable, arguments, input: input, timeout: timeout, newProcessGroup: false, onOutput: nil)
    }

    public func stream(
        _ executable: String, _ arguments: [String], input: Data?, timeout: Duration?, newProcessGroup: Bool,
        onOutput: @escaping @Sendable (OutputKind, Data) -> Void
    ) async throws -> CommandResult {
        try await launch(executable, arguments, input: input, timeout: timeout, newProcessGroup: newProcessGroup, onOutput: onOutput)
    }

    public func stream(
        _ executable: String, _ arguments: [String], input: Data?, timeout: Duration?, newProcessGroup: Bool,
        options: StreamOptions, onOutput: @escaping @Sendable (OutputKind, Data) -> Void
    ) async throws -> CommandResult {
        try await launch(
            executable, arguments, input: input, timeout: timeout, newProcessGroup: newProcessGroup, options: options, onOutput: onOutput)
    }

    private func launch(
        _ executable: String, _ arguments: [String], input: Data?, timeout: Duration?, newProcessGroup: Bool,
        options: StreamOptions = StreamOptions(), onOutput: (@Sendable (OutputKind, Data) -> Void)?
    ) async throws -> CommandResult {
        let env = environment.isEmpty ? nil : ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let child = try ChildProcess.spawn(
            executable, arguments, environment: env, pipeStdin: input != nil || options.holdStdin, newProcessGroup: newProcessGroup)
        let grace = drainGrace
        // A cancelled task stops its program (SIGTERM; the usual result, with its status, still comes back).
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let thread = Thread {
                    continuation.resume(returning: Self.supervise(
                        child, input: input, timeout: timeout, drainGrace: grace, options: options, onOutput: onOutput))
                }
                thread.stackSize = 256 * 1024
                thread.start()
            }
        } onCancel: {
            child.signal(SIGTERM)
        }
    }

    /// Feeds input, collects output, enforces the timeout and reaps the child.
    private static func supervise(
        _ child: ChildProcess, input: Data?, timeout: Duration?, drainGrace: Duration, options: StreamOptions,
        onOutput: (@Sendable (OutputKind, Data) -> Void)?
    ) -> CommandResult {
        let clock = ContinuousClock()
        let start = clock.now
        let hold = options.holdStdin
        // Signalled when a writer thread is done with stdin: only then may stdin be closed here, or a write still
        // in flight could land in whatever file reuses the descriptor number.
        var writer: DispatchSemaphore?
        if let input, !input.isEmpty {
            // Small inputs fit the pipe buffer; larger ones are written without blocking the reader loop.
            let c = child
            if input.count <= 32 * 1024 {
                _ = c.write(input)
                if !hold { c.closeStdin() }
            } else {
                let done = DispatchSemaphore(value: 0)
                writer = done
                Thread { _ = c.write(input); if !hold { c.closeStdin() }; done.signal() }.start()
            }
        } else if !hold {
            child.closeStdin()
        }
        // Output is kept up to the limit and counted past it; appends are amortised, so reading stays linear.
        let limit = options.captureLimit
        var out = Data(), err = Data()
        var outDropped = 0, errDropped = 0
        var outOpen = true, errOpen = true
        var status: Int32?
        var exitedAt: ContinuousClock.Instant?
        var termAt: ContinuousClock.Instant?
        var killed = false
        var timedOut = false
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            var fds: [pollfd] = []
            if outOpen { fds.append(pollfd(fd: child.stdout, events: Int16(POLLIN), revents: 0)) }
            if errOpen { fds.append(pollfd(fd: child.stderr, events: Int16(POLLIN), revents: 0)) }
            // Both pipes closed: the exit is imminent, so check often.
            let waitMs: Int32 = status == nil ? (fds.isEmpty ? 1 : 20) : 10
            if !fds.isEmpty {
                _ = poll(&fds, nfds_t(fds.count), waitMs)
                for f in fds where f.revents != 0 {
                    let n = read(f.fd, &buf, buf.count)
                    if n > 0 {
                        if f.fd == child.stdout {
                            let keep = min(n, max(0, limit - out.count))
                            if keep > 0 { out.append(contentsOf: buf[0..<keep]) }
                            outDropped += n - keep
                        } else {
                            let keep = min(n, max(0, limit - err.count))
                            if keep > 0 { err.append(contentsOf: buf[0..<keep]) }
                            errDropped += n - keep
                        }
                        onOutput?(f.fd == child.stdout ? .stdout : .stderr, Data(buf[0..<n]))
                    } else if n == 0 || (errno != EINTR && errno != EAGAIN) {
                        if f.fd == child.stdout { outOpen = false } else { errOpen = false }
                    }
                }
            } else if status == nil {
                usleep(UInt32(waitMs) * 1000)
            }
            if status == nil, let s = child.reapIfExited() {
                status = s
                exitedAt = clock.now
            }
            let now = clock.now
            if let exitedAt {
                if (!outOpen && !errOpen) || now - exitedAt > drainGrace { break }
                continue
            }
            if let timeout, termAt == nil, now - start > timeout {
                timedOut = true
                child.signal(SIGTERM)
                termAt = now
            }
            if let termAt, !killed, now - termAt > .seconds(1) {
                child.signal(SIGKILL)
                killed = true
            }
        }
        // The child is gone, so a pending write fails at once (EPIPE); if a grandchild still holds the pipe and the
        // writer stays blocked, stdin is left open (one descriptor) rather than closed under it.
        if writer == nil || writer?.wait(timeout: .now() + 1) == .success { child.closeStdin() }
        child.closeOutputs()
        let duration = (exitedAt ?? clock.now) - start
        var result = CommandResult(status: status ?? -1, stdout: out, stderr: err, timedOut: timedOut, duration: duration)
        result.stdoutDropped = outDropped
        result.stderrDropped = errDropped
        return result
    }
}
