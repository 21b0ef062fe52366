import Foundation
import HerdCore
import HerdRemote

/// Follows a job's log from an offset over its host's session (`JobWatcher`): each round trip fetches at most
/// `chunkBytes` new bytes, so memory stays bounded whatever the log's size, and an idle follow costs one small
/// request per `interval`. A log truncated or rewritten by the job is noticed (`LogTail`) and read again from its
/// start. The follow ends when the host says the job ended (or is gone) and every byte before that was read.
public struct JobLogFollower: Sendable {
    /// Where to start.
    public enum Start: Sendable, Equatable {
        /// From the first byte.
        case beginning
        /// The last `bytes` bytes (and whatever comes after).
        case last(bytes: UInt64)
    }

    /// What the follow reports, in order.
    public enum Event: Sendable, Equatable {
        /// New bytes of the log.
        case bytes(Data)
        /// The log changed under the follow (truncated or rewritten): what follows starts again at its beginning.
        case reset
        /// The job ended (or its host no longer has it): nothing more will come.
        case ended(JobReport)
    }

    public let watcher: JobWatcher
    /// The most bytes one request fetches (kept well under the session's 1 MiB line limit once base64-encoded).
    public var chunkBytes: Int
    /// The pause between two requests once everything was read and the job still runs.
    public var interval: Duration
    /// The time bound of one request.
    public var timeout: Duration

    public init(watcher: JobWatcher, chunkBytes: Int = 256 * 1024, interval: Duration = .seconds(1), timeout: Duration = .seconds(15)) {
        self.watcher = watcher
        self.chunkBytes = max(1, chunkBytes)
        self.interval = interval
        self.timeout = timeout
    }

    /// Follows job `id`'s log on `host` until the job ended (with `follow`), or until what the log held when
    /// asked was read (without). Throws what the host or session reported (the caller may retry later); cancelling
    /// the task ends the follow quietly.
    public func follow(
        _ id: String, on host: Host, from start: Start = .beginning, follow: Bool = true,
        onEvent: (Event) async -> Void
    ) async throws {
        var tail = LogTail()
        if case .last(let n) = start {
            let first = try await watcher.log(id, on: host, from: 0, max: 0, timeout: timeout)
            tail.start(at: first.size > n ? first.size - n : 0)
        }
        while !Task.isCancelled {
            let (from, max) = tail.request(max: chunkBytes)
            let chunk = try await watcher.log(id, on: host, from: from, max: max, timeout: timeout)
            switch tail.accept(chunk) {
            case .reset:
                await onEvent(.reset)
                continue
            case .bytes(let d):
                if !d.isEmpty { await onEvent(.bytes(d)) }
            }
            if chunk.size > tail.offset { continue }
            // The state was read before the size: a job that had ended then had written all of its log.
            let report = JobReport.parse(chunk.stateLine, id: id)
            if case .running = report {
                if !follow { return }
                try? await Task.sleep(for: interval)
                continue
            }
            await onEvent(.ended(report))
            return
        }
    }
}
