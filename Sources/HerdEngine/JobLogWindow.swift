import Foundation
import HerdCore
import HerdRemote

/// A slice of a job's output log: `text` holds the bytes from `offset` (at most the limit asked), `size` is the
/// log's whole size then, and `nextOffset` is where the next read goes on.
public struct JobLogWindow: Sendable, Equatable, Codable {
    public var offset: UInt64
    public var size: UInt64
    public var nextOffset: UInt64
    public var text: String

    public init(offset: UInt64, size: UInt64, nextOffset: UInt64, text: String) {
        self.offset = offset
        self.size = size
        self.nextOffset = nextOffset
        self.text = text
    }
}

extension JobManager {
    /// Reads at most `limit` bytes of `job`'s output log on `host`, from byte `offset`, or the last `limit` bytes
    /// when `offset` is nil. The host sends only the slice (`tail -c | head -c`), so a huge log costs no more than
    /// the slice. A log that is not there is an error naming the job.
    public func logWindow(_ job: Job, on host: Host, offset: UInt64?, limit: UInt64) async throws -> JobLogWindow {
        guard Job.isWellFormedID(job.id) else { throw HerdError.invalidInput("job \(job.shortID) has a damaged record: no log to read") }
        let file = "\"$HOME/.herd/jobs/\(job.id)/output.log\""
        let start = offset.map { "$((\($0) + 1))" } ?? "$(( s > \(limit) ? s - \(limit) + 1 : 1 ))"
        let script = "[ -f \(file) ] || { echo 'no log' >&2; exit 3; }; s=$(wc -c < \(file)); s=$((s + 0)); echo \"$s\"; "
            + "tail -c +\(start) \(file) | head -c \(limit)"
        let (exe, args) = remote(host, script)
        let runner = self.runner
        let r = try await ChannelBudget.shared.withChannel(host.ssh) {
            try await runner.run(exe, args, input: nil, timeout: .seconds(30))
        }
        if r.status == 3 { throw HerdError.invalidInput("job \(job.shortID) has no output log on \(host.name)") }
        guard r.status == 0, let newline = r.stdout.firstIndex(of: UInt8(ascii: "\n")),
              let size = UInt64(String(decoding: r.stdout[..<newline], as: UTF8.self).trimmingCharacters(in: .whitespaces))
        else {
            let why = r.timedOut ? "timed out" : r.status == 255 ? SSHFailure.classify(status: r.status, stderr: r.stderrText).1 : "exit \(r.status)"
            throw HerdError.remote("\(host.name): could not read the log of job \(job.shortID): \(why)")
        }
        let body = r.stdout[r.stdout.index(after: newline)...]
        let from = offset ?? (size > limit ? size - limit : 0)
        let count = UInt64(body.count)
        return JobLogWindow(offset: from, size: size, nextOffset: Saturating.add(from, count), text: String(decoding: body, as: UTF8.self))
    }
}
