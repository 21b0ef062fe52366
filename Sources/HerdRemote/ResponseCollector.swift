import Foundation

/// Splits a session's stdout into lines and hands each framed answer (`… @@herd-done ID STATUS`)
/// to the request waiting for it, oldest first. Thread-safe: fed from the pipe's handler thread.
final class ResponseCollector: @unchecked Sendable {
    /// A finished answer: the lines before the done marker and the agent's status for the verb.
    struct Answer: Sendable {
        var lines: [String]
        var status: Int
    }

    private let lock = NSLock()
    private var partial = Data()
    private var lines: [String] = []
    private var waiting: [(id: Int, continuation: CheckedContinuation<Answer, any Error>)] = []
    private var closedError: (any Error)?

    /// Whether the session behind this collector has ended.
    var isClosed: Bool {
        lock.lock()
        defer { lock.unlock() }
        return closedError != nil
    }

    /// Registers the request `id`; returns when its answer arrives or it fails.
    func wait(for id: Int) async throws -> Answer {
        try await withCheckedThrowingContinuation { c in
            lock.lock()
            if let e = closedError {
                lock.unlock()
                c.resume(throwing: e)
                return
            }
            waiting.append((id, c))
            lock.unlock()
        }
    }

    /// Feeds bytes read from stdout.
    func feed(_ data: Data) {
        var finished: [(CheckedContinuation<Answer, any Error>, Answer)] = []
        lock.lock()
        partial.append(data)
        while let nl = partial.firstIndex(of: 0x0A) {
            let line = String(decoding: partial[partial.startIndex..<nl], as: UTF8.self)
            partial.removeSubrange(partial.startIndex...nl)
            if line.hasPrefix("@@herd-done ") {
                let f = line.split(separator: " ")
                let id = f.count > 1 ? Int(f[1]) : nil
                let status = f.count > 2 ? Int(f[2]) ?? -1 : -1
                if let i = waiting.firstIndex(where: { $0.id == id }) {
                    finished.append((waiting.remove(at: i).continuation, Answer(lines: lines, status: status)))
                }
                lines = []
            } else {
                lines.append(line)
            }
        }
        lock.unlock()
        for (c, a) in finished { c.resume(returning: a) }
    }

    /// Fails request `id` (if still waiting) with `error`.
    func fail(_ id: Int, _ error: any Error) {
        lock.lock()
        let i = waiting.firstIndex { $0.id == id }
        let c = i.map { waiting.remove(at: $0).continuation }
        lock.unlock()
        c?.resume(throwing: error)
    }

    /// Fails every waiting request and every later one with `error` (the session ended).
    func close(_ error: any Error) {
        lock.lock()
        if closedError == nil { closedError = error }
        let all = waiting
        waiting = []
        lock.unlock()
        for w in all { w.continuation.resume(throwing: error) }
    }
}
