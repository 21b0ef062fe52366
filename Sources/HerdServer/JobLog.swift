import Foundation
import HerdCore
import HerdEngine
import HerdRemote

/// Reads a job's output from a byte offset on its host, in one bounded remote call over the host's ssh
/// ControlMaster: the file's size and whether the job ended, then at most `max` bytes from the offset.
struct JobLog: Sendable {
    let manager: JobManager

    /// One piece of a job's log.
    struct Chunk: StructuredDocument, Sendable {
        var offset: Int
        var nextOffset: Int
        /// The bytes as UTF-8 (invalid sequences replaced).
        var data: String
        /// The job ended and nothing is left past `next_offset`.
        var eof: Bool
        /// The job has ended (more may still be left to read when `eof` is false).
        var ended: Bool
        /// The raw bytes (not encoded; the SSE stream sends them).
        var bytes: Data

        private enum CodingKeys: String, CodingKey { case offset, nextOffset, data, eof }
    }

    /// Up to `max` bytes of `job`'s output from `offset`.
    func read(_ job: Job, on host: Host, offset: Int, max: Int) async throws -> Chunk {
        guard Job.isWellFormedID(job.id) else { throw APIError.badRequest("job \(job.shortID) has a damaged id") }
        let dir = "\"$HOME/.herd/jobs/\"\(ShellQuote.quote(job.id))"
        let script = """
            d=\(dir); f="$d/output.log"; [ -f "$f" ] || { echo "no log for this job on the host" >&2; exit 3; }; \
            if [ -f "$d/exitcode" ]; then e=1; else e=0; fi; s=$(wc -c < "$f" | tr -d ' '); echo "$s $e"; \
            tail -c +\(offset + 1) "$f" 2>/dev/null | head -c \(max)
            """
        let (exe, args) = manager.remote(host, script)
        let r = try await ChannelBudget.shared.withChannel(host.ssh) {
            try await manager.runner.run(exe, args, input: nil, timeout: .seconds(30))
        }
        guard r.status == 0 else {
            if r.status == 3 { throw APIError.notFound("job \(job.shortID): no log on \(host.name)") }
            let why = r.timedOut ? "no answer within 30s" : r.status == 255
                ? SSHFailure.classify(status: r.status, stderr: r.stderrText).1 : "exit \(r.status)"
            throw APIError(.badGateway, "\(host.name): could not read the log of job \(job.shortID): \(why)")
        }
        guard let nl = r.stdout.firstIndex(of: 0x0A) else { throw APIError(.badGateway, "\(host.name): no answer for the log") }
        let header = String(decoding: r.stdout[r.stdout.startIndex..<nl], as: UTF8.self).split(separator: " ")
        guard header.count == 2, let size = Int(header[0]), size >= 0 else {
            throw APIError(.badGateway, "\(host.name): unreadable log header")
        }
        let bytes = Data(r.stdout[r.stdout.index(after: nl)...].prefix(max))
        let next = offset + bytes.count
        let ended = header[1] == "1"
        return Chunk(
            offset: offset, nextOffset: next, data: String(decoding: bytes, as: UTF8.self), eof: ended && next >= size, ended: ended,
            bytes: bytes)
    }
}
