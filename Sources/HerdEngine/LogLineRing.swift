import Foundation

/// The last lines of a followed log, bounded in lines and in bytes (the dashboard's log pane): bytes go in as they
/// arrive, complete lines come out; an unfinished line waits for its newline (kept up to `maxLineBytes`, then
/// cut). Memory is at most about `maxBytes` plus one line, whatever the log's size.
public struct LogLineRing: Sendable, Equatable {
    public let maxLines: Int
    public let maxBytes: Int
    public let maxLineBytes: Int
    private var kept: [String] = []
    private var first = 0
    private var bytes = 0
    private var partial: [UInt8] = []

    public init(maxLines: Int = 2_000, maxBytes: Int = 1 << 20, maxLineBytes: Int = 16 * 1024) {
        self.maxLines = max(1, maxLines)
        self.maxBytes = max(1, maxBytes)
        self.maxLineBytes = max(1, maxLineBytes)
    }

    /// The kept lines, oldest first, with the unfinished last line (if any) at the end.
    public var lines: [String] {
        var out = Array(kept[first...])
        if !partial.isEmpty { out.append(String(decoding: partial, as: UTF8.self)) }
        return out
    }

    /// Bytes held now (lines and the unfinished one).
    public var heldBytes: Int { bytes + partial.count }

    /// Adds bytes of the log.
    public mutating func append(_ data: Data) {
        var start = data.startIndex
        while let nl = data[start...].firstIndex(of: 0x0A) {
            take(data[start..<nl])
            push(String(decoding: partial, as: UTF8.self))
            partial.removeAll(keepingCapacity: true)
            start = nl + 1
        }
        take(data[start...])
    }

    /// Forgets everything (the log was rewritten).
    public mutating func clear() {
        kept = []
        first = 0
        bytes = 0
        partial = []
    }

    private mutating func take(_ slice: Data.SubSequence) {
        let room = maxLineBytes - partial.count
        if room > 0 { partial.append(contentsOf: slice.prefix(room)) }
    }

    private mutating func push(_ line: String) {
        kept.append(line)
        bytes += line.utf8.count + 1
        while kept.count - first > maxLines || (bytes > maxBytes && kept.count - first > 1) {
            bytes -= kept[first].utf8.count + 1
            first += 1
        }
        // Drop the dead prefix now and then, so the array does not grow with the log.
        if first > 1024 && first * 2 > kept.count {
            kept.removeFirst(first)
            first = 0
        }
    }
}
