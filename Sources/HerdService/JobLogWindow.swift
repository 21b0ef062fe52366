import Foundation
import HerdCore

/// A slice of a job's output log: `text` holds the bytes from `offset` (at most the limit asked), `size` is the
/// log's whole size then, `nextOffset` is where the next read goes on, and `ended` says the job had ended when the
/// host answered (so nothing past `size` will come).
public struct JobLogWindow: Sendable, Equatable, Codable {
    public var offset: UInt64
    public var size: UInt64
    public var nextOffset: UInt64
    public var text: String
    /// The raw bytes (`text` is them as UTF-8 with invalid sequences replaced).
    public var bytes: Data
    public var ended: Bool

    /// Everything was read: the job ended and nothing is left past `nextOffset`.
    public var eof: Bool { ended && nextOffset >= size }

    public init(offset: UInt64, size: UInt64, bytes: Data, ended: Bool) {
        self.offset = offset
        self.size = size
        self.bytes = bytes
        self.text = String(decoding: bytes, as: UTF8.self)
        self.nextOffset = Saturating.add(offset, UInt64(bytes.count))
        self.ended = ended
    }
}
