import Foundation
import HerdRemote

/// Where a followed log stands: the offset of the next byte to fetch, and the last bytes delivered, which every
/// request asks for again (`overlap`) so that a log truncated or rewritten between two reads is noticed (the
/// re-read bytes differ, or the file is shorter than the offset) and followed again from its start.
///
/// Pure state: `JobLogFollower` does the fetching. Memory is `overlap` bytes whatever the log's size.
public struct LogTail: Sendable, Equatable {
    /// How many already-delivered bytes each request reads again.
    public static let overlap = 64

    /// The offset of the next new byte.
    public private(set) var offset: UInt64
    /// The last (up to `overlap`) bytes delivered.
    private var seen = Data()

    /// What one answer meant.
    public enum Update: Sendable, Equatable {
        /// New bytes (possibly none) after the offset.
        case bytes(Data)
        /// The log is no longer what was read: shorter than the offset, or different in the bytes read again.
        /// The tail starts over at `offset` 0 (or wherever the caller sets it with `start(at:)`).
        case reset
    }

    public init(offset: UInt64 = 0) { self.offset = offset }

    /// The request for the next answer: read from `from` (the offset less the bytes read again), at most `max`.
    public func request(max: Int) -> (from: UInt64, max: Int) {
        (offset - UInt64(seen.count), max + seen.count)
    }

    /// Starts (again) at `offset`, forgetting what was seen.
    public mutating func start(at offset: UInt64) {
        self.offset = offset
        seen = Data()
    }

    /// Takes the answer to `request()`: the new bytes, or `.reset` when the log changed under the tail.
    public mutating func accept(_ chunk: LogChunk) -> Update {
        let k = seen.count
        // Shorter than what was read, or the bytes read again differ: the log was truncated or rewritten.
        guard chunk.size >= offset, chunk.bytes.count >= k, chunk.bytes.prefix(k) == seen else {
            start(at: 0)
            return .reset
        }
        let fresh = chunk.bytes.dropFirst(k)
        offset += UInt64(fresh.count)
        var tail = seen + fresh
        if tail.count > Self.overlap { tail = tail.suffix(Self.overlap) }
        seen = Data(tail)
        return .bytes(Data(fresh))
    }

    /// Whether the last answer said there is more to read now (the file is longer than the offset).
    public static func hasMore(_ chunk: LogChunk, after tail: LogTail) -> Bool { chunk.size > tail.offset }
}
