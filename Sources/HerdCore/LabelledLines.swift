#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns one stream of a host's output (stdout or stderr) into `label` + line + newline, as `herd on` prints it.
///
/// Linear: each byte is looked at once (chunks may be split anywhere), and a line without a newline is
/// emitted in pieces of at most `maxLine` bytes, each labelled and cut on a UTF-8 boundary, so memory stays
/// bounded whatever a host prints. An optional `TerminalFilter` runs first (output on a terminal); lines
/// equal to `skip` (the timeout marker) are left out; a line that set colours ends with a colour reset.
public struct LabelledLines: Sendable {
    /// The longest piece emitted without a newline of the host's own.
    public static let maxLine = 64 * 1024

    private let label: [UInt8]
    private let skip: [UInt8]?
    private var filter: TerminalFilter?
    private var partial: [UInt8] = []

    public init(label: String, filter: TerminalFilter.Mode? = nil, skip: String? = nil) {
        self.label = Array(label.utf8)
        self.skip = skip.map { Array($0.utf8) }
        self.filter = filter.map { TerminalFilter($0) }
    }

    /// Appends to `out` every line `bytes` completes.
    public mutating func feed<C: Collection>(_ bytes: C, into out: inout [UInt8]) where C.Element == UInt8 {
        if var f = filter {
            var clean: [UInt8] = []
            clean.reserveCapacity(bytes.count)
            f.feed(bytes, into: &clean)
            filter = f
            clean.withUnsafeBufferPointer { split($0, &out) }
        } else if bytes.withContiguousStorageIfAvailable({ split($0, &out) }) == nil {
            Array(bytes).withUnsafeBufferPointer { split($0, &out) }
        }
    }

    /// Appends the unterminated last line, if any.
    public mutating func finish(into out: inout [UInt8]) {
        if var f = filter {
            f.finish(into: &partial)
            filter = f
        }
        if !partial.isEmpty { partial.withUnsafeBufferPointer { line($0, &out) } }
        partial.removeAll()
    }

    private mutating func split(_ buf: UnsafeBufferPointer<UInt8>, _ out: inout [UInt8]) {
        guard let base = buf.baseAddress else { return }
        var i = 0
        while i < buf.count {
            guard let hit = memchr(base + i, 0x0A, buf.count - i) else {
                partial.append(contentsOf: UnsafeBufferPointer(start: base + i, count: buf.count - i))
                break
            }
            let nl = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
            let piece = UnsafeBufferPointer(start: base + i, count: nl - i)
            if partial.isEmpty {
                line(piece, &out)
            } else {
                partial.append(contentsOf: piece)
                partial.withUnsafeBufferPointer { line($0, &out) }
                partial.removeAll(keepingCapacity: true)
            }
            i = nl + 1
        }
        cut(&out)
    }

    /// Emits pieces of an over-long unfinished line, each ending on a UTF-8 character boundary.
    private mutating func cut(_ out: inout [UInt8]) {
        guard partial.count > Self.maxLine else { return }
        var start = 0
        while partial.count - start > Self.maxLine {
            var end = start + Self.maxLine
            var back = 0
            // partial[end] exists: there is more after this piece, so its first byte shows where a character starts.
            while back < 3, partial[end] & 0xC0 == 0x80 {
                end -= 1
                back += 1
            }
            partial.withUnsafeBufferPointer { line(UnsafeBufferPointer(rebasing: $0[start..<end]), &out) }
            start = end
        }
        partial.removeSubrange(0..<start)
    }

    private func line(_ text: UnsafeBufferPointer<UInt8>, _ out: inout [UInt8]) {
        if let skip, text.count == skip.count, text.elementsEqual(skip) { return }
        out.append(contentsOf: label)
        out.append(contentsOf: text)
        if filter != nil, let base = text.baseAddress, memchr(base, 0x1B, text.count) != nil {
            out.append(contentsOf: [0x1B, 0x5B, 0x30, 0x6D])
        }
        out.append(0x0A)
    }
}
