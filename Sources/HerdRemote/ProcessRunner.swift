import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs local programs with Foundation's `Process`, off the cooperative thread pool.
///
/// On timeout the process gets SIGTERM, then SIGKILL one second later. Output is collected until EOF, but
/// no longer than `drainGrace` after exit, so a grandchild that keeps a pipe open never stalls the caller.
public struct ProcessRunner: CommandRunner {
    /// Extra variables for the child's environment (on top of the inherited one).
    public var environment: [String: String]
    /// How long to keep reading output after the process exited.
    public var drainGrace: Duration

    public init(environment: [String: String] = [:], drainGrace: Duration = .milliseconds(500)) {
        self.environment = environment
        self.drainGrace = drainGrace
    }

    public func run(_ executable: String, _ arguments: [String], input: Data?, timeout: Duration?) async throws -> CommandResult {
        let env = environment, grace = drainGrace
        return try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do {
                    continuation.resume(returning: try Self.runBlocking(executable, arguments, input: input, timeout: timeout, environment: env, drainGrace: grace))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.start()
        }
    }

    private static func runBlocking(
        _ executable: String, _ arguments: [String], input: Data?, timeout: Duration?,
        environment: [String: String], drainGrace: Duration
    ) throws -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let inPipe: Pipe? = input == nil ? nil : Pipe()
        process.standardInput = inPipe ?? FileHandle.nullDevice
        let outBuf = OutputCollector(), errBuf = OutputCollector()
        outBuf.attach(out.fileHandleForReading)
        errBuf.attach(err.fileHandleForReading)
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        let start = ContinuousClock.now
        do { try process.run() } catch {
            throw RemoteError.launch(executable: executable, message: "\(error.localizedDescription)")
        }
        // Our copies of the write ends must close, or EOF never comes.
        try? out.fileHandleForWriting.close()
        try? err.fileHandleForWriting.close()
        if let inPipe, let input {
            let w = inPipe.fileHandleForWriting
            DispatchQueue.global().async {
                try? w.write(contentsOf: input)
                try? w.close()
            }
        }
        var timedOut = false
        if let timeout {
            if exited.wait(timeout: .now() + timeout.timeInterval) == .timedOut {
                timedOut = true
                kill(process.processIdentifier, SIGTERM)
                if exited.wait(timeout: .now() + 1.0) == .timedOut {
                    kill(process.processIdentifier, SIGKILL)
                    exited.wait()
                }
            }
        } else {
            exited.wait()
        }
        let duration = ContinuousClock.now - start
        outBuf.waitForEOF(upTo: drainGrace)
        errBuf.waitForEOF(upTo: drainGrace)
        let status: Int32 = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return CommandResult(status: status, stdout: outBuf.data, stderr: errBuf.data, timedOut: timedOut, duration: duration)
    }
}

/// Collects a pipe's bytes through its readability handler until EOF.
final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = Data()
    private let done = DispatchSemaphore(value: 0)
    private var handle: FileHandle?

    func attach(_ handle: FileHandle) {
        self.handle = handle
        handle.readabilityHandler = { [self] h in
            let chunk = h.availableData
            if chunk.isEmpty {
                h.readabilityHandler = nil
                done.signal()
            } else {
                lock.lock(); buffer.append(chunk); lock.unlock()
            }
        }
    }

    func waitForEOF(upTo grace: Duration) {
        if done.wait(timeout: .now() + grace.timeInterval) == .timedOut {
            handle?.readabilityHandler = nil
        }
    }

    var data: Data {
        lock.lock(); defer { lock.unlock() }
        return buffer
    }
}

extension Duration {
    /// This duration in seconds, as Dispatch takes it.
    var timeInterval: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}
