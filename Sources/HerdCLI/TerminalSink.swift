import Foundation
import HerdCore
import HerdRemote

/// Writes a stream of host output to herd's stdout and stderr: each unchanged with `--raw` or when it is not a
/// terminal, else through `TerminalFilter` in stream mode, one filter state per stream so an escape split across
/// reads is still recognised. Thread-safe.
final class TerminalSink: @unchecked Sendable {
    private let lock = NSLock()
    private var filters: [OutputKind: TerminalFilter] = [:]

    /// `raw`: never filter; `keepCarriageReturn`: whether carriage returns pass the filter.
    init(raw: Bool, keepCarriageReturn: Bool = true) {
        for kind in [OutputKind.stdout, .stderr] where Self.sanitizes(kind, raw: raw) {
            filters[kind] = TerminalFilter(.stream(keepCarriageReturn: keepCarriageReturn))
        }
    }

    /// Whether herd filters what it writes to `kind`: that stream is a terminal and `raw` was not asked for.
    static func sanitizes(_ kind: OutputKind, raw: Bool) -> Bool {
        !raw && isatty(kind == .stdout ? STDOUT_FILENO : STDERR_FILENO) == 1
    }

    /// Writes a chunk of `kind`.
    func write(_ kind: OutputKind, _ data: Data) {
        lock.lock()
        defer { lock.unlock() }
        let fd = kind == .stdout ? STDOUT_FILENO : STDERR_FILENO
        guard var filter = filters[kind] else { return StandardStream.write(data, fd: fd) }
        var out: [UInt8] = []
        out.reserveCapacity(data.count)
        filter.feed(data, into: &out)
        filters[kind] = filter
        StandardStream.write(Data(out), fd: fd)
    }

    /// Ends both streams (an unfinished UTF-8 character or escape at the very end).
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        for kind in [OutputKind.stdout, .stderr] {
            guard var filter = filters[kind] else { continue }
            var out: [UInt8] = []
            filter.finish(into: &out)
            filters[kind] = filter
            StandardStream.write(Data(out), fd: kind == .stdout ? STDOUT_FILENO : STDERR_FILENO)
        }
    }
}
