import Foundation
import HerdCore
import HerdService

/// A job's output from a byte offset, as the API sends it: a bounded read through `JobService.logWindow` (over the
/// host's persistent agent session that the daemon's engine keeps open; a log that is not there is `notFound`, 404).
struct JobLog: Sendable {
    let jobs: JobService

    /// One piece of a job's log.
    struct Chunk: StructuredDocument, Sendable {
        var offset: Int
        var nextOffset: Int
        /// The bytes as UTF-8 (invalid sequences replaced).
        var data: String
        /// The job ended and nothing is left past `next_offset`.
        var eof: Bool
        /// The raw bytes (not encoded; the SSE stream sends them).
        var bytes: Data

        private enum CodingKeys: String, CodingKey { case offset, nextOffset, data, eof }
    }

    /// Up to `max` bytes of `job`'s output from `offset`.
    func read(_ job: Job, on host: Host, offset: Int, max: Int) async throws -> Chunk {
        let w = try await jobs.logWindow(job, on: host, offset: UInt64(Swift.max(0, offset)), limit: max)
        return Chunk(offset: Int(w.offset), nextOffset: Int(clamping: w.nextOffset), data: w.text, eof: w.eof, bytes: w.bytes)
    }
}
