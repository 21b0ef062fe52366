import Foundation

/// Splits a session's stdout into lines and hands each framed answer (`… @@herd-done ID STATUS`)
/// to the request it belongs to. Thread-safe: fed from the session's reader thread.
///
/// A request is registered (`expect`) before its line is written, so an answer that arrives before the
/// caller starts waiting is kept, not lost.
///
/// Linear and bounded whatever a host sends: each chunk is scanned once; a line keeps at most `maxLine` bytes
/// and an answer at most `maxAnswer` bytes of lines (the rest is dropped, and the probe parser then reports the
/// output as partial).
final class ResponseCollector: @unchecked Sendable {
    /// The longest line kept (bytes); the rest of a longer line is dropped.
    static let maxLine = 1 << 20
    /// The most bytes of lines one answer keeps.
    static let maxAnswer = 16 << 20

    /// A finished answer: the lines before the done marker and the agent's status for the verb.
    struct Answer: Sendable {
        var lines: [String]
        var status: Int
    }

    private enum Slot {
        case registered
        case waiting(CheckedContinuation<Answer, any Error>)
        case done(Result<Answer, any Error>)
    }

    private let lock = NSLock()
    private var partial: [UInt8] = []
    private var lines: [String] = []
    private var answerBytes = 0
    private var slots: [Int: Slot] = [:]
    private var closedError: (any Error)?

    /// Whether the session behind this collector has ended.
    var isClosed: Bool {
        lock.lock()
        defer { lock.unlock() }
        return closedError != nil
    }

    /// Registers request `id` before its line is written.
    func expect(_ id: Int) {
        lock.lock()
        slots[id] = closedError.map { .done(.failure($0)) } ?? .registered
        lock.unlock()
    }

    /// Waits for the answer to request `id` (registered with `expect`).
    func wait(for id: Int) async throws -> Answer {
        try await withCheckedThrowingContinuation { c in
            lock.lock()
            switch slots[id] {
            case .done(let result)?:
                slots[id] = nil
                lock.unlock()
                c.resume(with: result)
            case .registered?:
                slots[id] = .waiting(c)
                lock.unlock()
            default:
                lock.unlock()
                c.resume(throwing: closedError ?? SessionError.closed(reason: "request \(id) was not registered"))
            }
        }
    }

    /// Feeds bytes read from stdout.
    func feed(_ data: Data) {
        var finished: [(CheckedContinuation<Answer, any Error>, Answer)] = []
        lock.lock()
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard let base = raw.baseAddress else { return }
            var start = 0
            // memchr finds each newline: linear, and fast even in a debug build.
            while start < raw.count, let hit = memchr(base + start, 0x0A, raw.count - start) {
                let nl = UnsafeRawPointer(hit) - base
                keep(UnsafeRawBufferPointer(rebasing: raw[start..<nl]))
                start = nl + 1
                line(&finished)
            }
            keep(UnsafeRawBufferPointer(rebasing: raw[start...]))
        }
        lock.unlock()
        for (c, a) in finished { c.resume(returning: a) }
    }

    /// Ends the unfinished line (the lock is held): a done marker completes an answer, any other line joins it.
    private func line(_ finished: inout [(CheckedContinuation<Answer, any Error>, Answer)]) {
        let line = String(decoding: partial, as: UTF8.self)
        partial.removeAll(keepingCapacity: true)
        if line.hasPrefix("@@herd-done ") {
            let f = line.split(separator: " ")
            let answer = Answer(lines: lines, status: f.count > 2 ? Int(f[2]) ?? -1 : -1)
            lines = []
            answerBytes = 0
            guard f.count > 1, let id = Int(f[1]) else { return }
            switch slots[id] {
            case .waiting(let c)?:
                slots[id] = nil
                finished.append((c, answer))
            case .registered?:
                slots[id] = .done(.success(answer))
            default:
                break  // a request that already timed out
            }
        } else if answerBytes + line.utf8.count <= Self.maxAnswer {
            answerBytes += line.utf8.count + 1
            lines.append(line)
        }
    }

    /// Adds `bytes` to the unfinished line, up to `maxLine`.
    private func keep(_ bytes: UnsafeRawBufferPointer) {
        let room = Self.maxLine - partial.count
        if room > 0 { partial.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes.prefix(room))) }
    }

    /// Fails request `id` (if not answered yet) with `error`.
    func fail(_ id: Int, _ error: any Error) {
        lock.lock()
        var toResume: CheckedContinuation<Answer, any Error>?
        switch slots[id] {
        case .waiting(let c)?:
            slots[id] = nil
            toResume = c
        case .registered?:
            slots[id] = .done(.failure(error))
        default:
            break
        }
        lock.unlock()
        toResume?.resume(throwing: error)
    }

    /// Fails every open request and every later one with `error` (the session ended).
    func close(_ error: any Error) {
        lock.lock()
        if closedError == nil { closedError = error }
        var waiting: [CheckedContinuation<Answer, any Error>] = []
        for (id, slot) in slots {
            switch slot {
            case .waiting(let c):
                waiting.append(c)
                slots[id] = nil
            case .registered:
                slots[id] = .done(.failure(error))
            case .done:
                break
            }
        }
        lock.unlock()
        for c in waiting { c.resume(throwing: error) }
    }
}
