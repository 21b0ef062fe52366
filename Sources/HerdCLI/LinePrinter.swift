import Foundation
import HerdCore
import HerdRemote

/// Prints fan-out output as `host: line` as it arrives (stdout lines to stdout, stderr lines to stderr),
/// keeping a live progress line at the bottom of the terminal when there is one. Thread-safe.
///
/// Each stream is a `LabelledLines` (linear, bounded memory, over-long lines in 64 KiB pieces). Unless `raw`, a
/// stream written to a terminal is filtered in stream mode: colour stays, every other escape and control
/// goes, carriage returns included (one could overwrite a host's label).
final class LinePrinter: @unchecked Sendable {
    private let lock = NSLock()
    private var streams: [String: LabelledLines] = [:]
    private let width: Int
    private let progress: Bool
    private let sanitize: [OutputKind: Bool]
    private let prefix: Bool
    private var total: Int
    private var done = 0, failed = 0

    /// `hosts` sets the width names are padded to; `progress` draws the progress line (on a terminal only);
    /// `raw` passes host output unchanged even to a terminal; without `prefix` lines carry no `host: ` label.
    init(hosts: [String], progress: Bool, raw: Bool, prefix: Bool = true) {
        self.prefix = prefix
        width = hosts.map(\.count).max() ?? 0
        self.progress = progress
        sanitize = [.stdout: TerminalSink.sanitizes(.stdout, raw: raw), .stderr: TerminalSink.sanitizes(.stderr, raw: raw)]
        total = hosts.count
    }

    /// Takes a chunk of `host`'s output; prints every line it completes.
    func feed(_ host: String, _ kind: OutputKind, _ data: Data) {
        lock.lock()
        defer { lock.unlock() }
        let k = key(host, kind)
        var lines = streams[k] ?? LabelledLines(
            label: prefix ? host + ":" + String(repeating: " ", count: max(0, width - host.count) + 1) : "",
            filter: sanitize[kind] == true ? .stream(keepCarriageReturn: false) : nil, skip: RemoteCommand.timeoutMarker)
        streams[k] = nil
        var out: [UInt8] = []
        lines.feed(data, into: &out)
        streams[k] = lines
        emit(out, kind)
    }

    /// Flushes `host`'s unterminated last lines and counts it as finished.
    func finish(_ result: ExecResult) {
        lock.lock()
        defer { lock.unlock() }
        for kind in [OutputKind.stdout, .stderr] {
            guard var lines = streams.removeValue(forKey: key(result.host, kind)) else { continue }
            var out: [UInt8] = []
            lines.finish(into: &out)
            emit(out, kind)
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

    private func key(_ host: String, _ kind: OutputKind) -> String { "\(host)\u{0}\(kind == .stdout ? 1 : 2)" }

    private func emit(_ bytes: [UInt8], _ kind: OutputKind) {
        guard !bytes.isEmpty else { return }
        if progress { StandardStream.err("\r\u{1B}[K") }
        StandardStream.write(Data(bytes), fd: kind == .stdout ? STDOUT_FILENO : STDERR_FILENO)
        drawProgress()
    }

    private func drawProgress() {
        guard progress else { return }
        let line = "[\(done)/\(total) done, \(total - done) running, \(failed) failed]"
        StandardStream.err("\r\u{1B}[K\(line)")
    }
}
