import Foundation
import HerdCore
import HerdEngine
import HerdRemote

extension JobService {
    /// At most `limit` bytes of `job`'s output log on `host`, from byte `offset`, or the last `limit` bytes when
    /// `offset` is nil (one more round trip asks the size first). The slice travels over the host's persistent agent
    /// session (`JobWatcher.log`, the same path as `readLog`), so a huge log costs no more than the slice; the read
    /// holds one of the host's channels. A log that is not there, or an answer that cannot be used, is an error
    /// naming the host and the job.
    public func logWindow(_ job: Job, on host: Host, offset: UInt64?, limit: Int) async throws -> JobLogWindow {
        guard Job.isWellFormedID(job.id) else {
            throw HerdError.invalidInput("job \(job.shortID) has a damaged record (herd rm \(job.shortID))")
        }
        let limit = max(0, limit)
        return try await withWatcher(job, on: host) { watcher in
            var from = offset ?? 0
            if offset == nil {
                let size = try await watcher.log(job.id, on: host, from: 0, max: 0).size
                from = size > UInt64(limit) ? size - UInt64(limit) : 0
            }
            // Pieces of at most 256 KiB: an agent answer is one base64 line, under the session's 1 MiB line limit.
            var bytes = Data()
            var last = try await watcher.log(job.id, on: host, from: from, max: min(limit, Self.logPieceBytes))
            bytes.append(last.bytes.prefix(limit))
            while bytes.count < limit, last.bytes.count == Self.logPieceBytes {
                last = try await watcher.log(job.id, on: host, from: from + UInt64(bytes.count), max: min(limit - bytes.count, Self.logPieceBytes))
                bytes.append(last.bytes.prefix(limit - bytes.count))
            }
            let ended: Bool
            switch JobReport.parse(last.stateLine, id: job.id) {
            case .ended: ended = true
            case .running, .unknown: ended = false
            }
            return JobLogWindow(offset: from, size: last.size, bytes: bytes, ended: ended)
        }
    }

    /// The most bytes one agent request fetches for `logWindow`.
    static let logPieceBytes = 256 * 1024

    /// Runs `body` with this service's job watcher (the shared agent sessions), or with a private session closed at
    /// the end, holding one of the host's channels (`ChannelBudget`). Errors other than cancellation become one
    /// line naming the host and the job.
    func withWatcher<T: Sendable>(_ job: Job, on host: Host, _ body: @Sendable (JobWatcher) async throws -> T) async throws -> T {
        var own: SessionProber?
        let watcher: JobWatcher
        if let shared = self.watcher {
            watcher = shared
        } else {
            let sessions = SessionProber(options: context.sshOptions)
            own = sessions
            watcher = JobWatcher(sessions: sessions, runner: runner)
        }
        do {
            try context.home.ensureControlDir()
            let value = try await ChannelBudget.shared.withChannel(host.ssh) { try await body(watcher) }
            await own?.shutdown()
            return value
        } catch {
            await own?.shutdown()
            if error is CancellationError { throw error }
            if let f = error as? LogChunk.Failure, f == .noLog {
                throw HerdError.notFound("job \(job.shortID) has no output log on \(host.name)")
            }
            throw HerdError.remote("\(host.name): could not read the log of job \(job.shortID): \(TerminalText.line("\(error)"))")
        }
    }
}
