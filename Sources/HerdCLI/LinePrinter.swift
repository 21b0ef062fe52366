import Foundation
import HerdCore
import HerdRemote

/// Prints fan-out output as `host: line` as it arrives (stdout lines to stdout, stderr lines to stderr),
/// keeping a live progress line at the bottom of the terminal when there is one. Thread-safe.
final class LinePrinter: @unchecked Sendable {
    private let lock = NSLock()
    private var partial: [String: Data] = [:]
    private let width: Int
    private let progress: Bool
    private var status = ""
    private var total: Int
    private var done = 0, failed = 0

    /// `hosts` sets the width names are padded to; `progress` draws the progress line (on a terminal only).
    init(hosts: [String], progress: Bool) {
        width = hosts.map(\.count).max() ?? 0
        self.progress = progress
        total = hosts.count
    }

    /// Takes a chunk of `host`'s output; prints every line it completes.
    func feed(_ host: String, _ kind: OutputKind, _ data: Data) {
        lock.lock()
        defer { lock.unlock() }
        let key = "\(host)\u{0}\(kind == .stdout ? 1 : 2)"
        var buf = partial[key, default: Data()]
        buf.append(data)
        var lines: [String] = []
        while let nl = buf.firstIndex(of: 0x0A) {
            lines.append(String(decoding: buf[buf.startIndex..<nl], as: UTF8.self))
            buf.removeSubrange(buf.startIndex...nl)
        }
        partial[key] = buf
        emit(host, kind, lines)
    }

    /// Flushes `host`'s unterminated last lines and counts it as finished.
    func finish(_ result: ExecResult) {
        lock.lock()
        defer { lock.unlock() }
        for kind in [OutputKind.stdout, .stderr] {
            let key = "\(result.host)\u{0}\(kind == .stdout ? 1 : 2)"
            if let rest = partial.removeValue(forKey: key), !rest.isEmpty {
                emit(result.host, kind, [String(decoding: rest, as: UTF8.self)])
            }
        }
        done += 1
        if !result.succeeded { failed += 1 }
        drawProgress()
    }

    /// Removes the progress line (before the summary).
    func clearProgress() {
        lock.lock()
        defer { lock.unlock() }
        if progress { StandardStream.err("\r\u{1B}[K") }
    }

    private func emit(_ host: String, _ kind: OutputKind, _ lines: [String]) {
        let shown = lines.filter { $0 != RemoteCommand.timeoutMarker }
        guard !shown.isEmpty else { return }
        let label = host + ":" + String(repeating: " ", count: width - host.count + 1)
        let text = shown.map { label + $0 + "\n" }.joined()
        if progress { StandardStream.err("\r\u{1B}[K") }
        StandardStream.write(Data(text.utf8), fd: kind == .stdout ? STDOUT_FILENO : STDERR_FILENO)
        drawProgress()
    }

    private func drawProgress() {
        guard progress else { return }
        let line = "[\(done)/\(total) done, \(total - done) running, \(failed) failed]"
        StandardStream.err("\r\u{1B}[K\(line)")
    }
}
