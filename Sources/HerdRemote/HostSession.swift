import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One long-lived agent process for a host (`ssh -T host agent serve`, or `/bin/sh` for the local machine):
/// a request is one line written and one framed answer read, so a probe costs a round trip, not a process.
///
/// The process starts on the first request. A timeout or an exit tears it down; the next request starts
/// a new one (the refresh engine spaces those out with back-off).
public actor HostSession {
    /// The program and arguments that start the agent loop.
    public let executable: String
    public let arguments: [String]

    private var child: ChildProcess?
    private var collector = ResponseCollector()
    private var stderrTail = StderrTail()
    private var nextID = 1
    /// Whether the running process has answered yet: false while its ssh connection is still being set up.
    public private(set) var hasAnswered = false

    public init(executable: String, arguments: [String]) {
        self.executable = executable
        self.arguments = arguments
    }

    /// Whether an agent process is running now.
    public var isOpen: Bool { child != nil && !collector.isClosed }

    /// Sends `verb` and returns the answer's lines; throws `SessionError` on timeout or exit.
    public func request(_ verb: String, timeout: Duration) async throws -> [String] {
        if child == nil || collector.isClosed {
            stop()
            try start()
        }
        let id = nextID
        nextID += 1
        let collector = self.collector
        collector.expect(id)
        let timer = Task {
            try await Task.sleep(for: timeout)
            collector.fail(id, SessionError.timeout(timeout))
        }
        defer { timer.cancel() }
        if child?.write(Data("\(id) \(verb)\n".utf8)) != true {
            try? await Task.sleep(for: .milliseconds(50))
            let reason = stderrTail.text
            stop()
            throw SessionError.closed(reason: reason)
        }
        do {
            let lines = try await collector.wait(for: id).lines
            hasAnswered = true
            return lines
        } catch let e as SessionError {
            if case .timeout = e { stop() }
            throw e
        }
    }

    /// Ends the agent process (SIGTERM, then SIGKILL), failing any request in flight.
    public func stop() {
        guard let c = child else { return }
        child = nil
        collector.close(SessionError.closed(reason: "session stopped"))
        c.closeStdin()
        c.signal(SIGTERM)
        DispatchQueue.global().asyncAfter(deadline: .now() + 1) { c.signal(SIGKILL) }
    }

    private func start() throws {
        let c: ChildProcess
        do { c = try ChildProcess.spawn(executable, arguments, pipeStdin: true) } catch {
            throw SessionError.launch("\(error)")
        }
        let collector = ResponseCollector()
        let tail = StderrTail()
        // The process monitor reads both pipes (stdout to the collector, stderr to the tail) and reaps the agent;
        // stdin stays the session's own, for requests.
        ProcessMonitor.shared.add(ProcessMonitor.Watch(
            child: c, input: nil, timeout: nil, drainGrace: .milliseconds(200), captureLimit: 0, holdStdin: true,
            onOutput: { kind, data in if kind == .stdout { collector.feed(data) } else { tail.append(data) } },
            completion: { result in
                let reason = tail.text
                collector.close(SessionError.closed(reason: reason.isEmpty ? "agent exited \(result.status)" : reason))
            }))
        child = c
        hasAnswered = false
        self.collector = collector
        stderrTail = tail
    }
}

/// The last line or so of a process's stderr, for error messages.
final class StderrTail: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func append(_ d: Data) {
        lock.lock()
        data.append(d)
        if data.count > 2048 { data.removeFirst(data.count - 2048) }
        lock.unlock()
    }

    /// The last non-empty line, trimmed ("ssh: connect to host … port 2201: Connection refused").
    var text: String {
        lock.lock()
        defer { lock.unlock() }
        let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
        return lines.last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
    }
}
