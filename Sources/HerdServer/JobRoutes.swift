import Foundation
import HerdCore
import HerdService
import Hummingbird
import NIOCore
import ServiceLifecycle

/// The job endpoints: the list and one job (read from the database the daemon keeps reconciled, never waiting on
/// a host), a job's log from an offset, and its follow stream as Server-Sent Events.
struct JobRoutes: Sendable {
    let state: ServerState
    /// The most a log read returns at once.
    static let maxChunk = 1 << 20

    func register(on router: Router<ServerRequestContext>) {
        router.get("/v1/jobs") { request, _ in
            let all = ["1", "true", "yes"].contains(request.uri.queryParameters.get("all") ?? "")
            let now = Date()
            let jobs = JobListing.ordered(try JobService(context: state.services).list(all: true), all: all, now: now)
            return try JSONResponse.make(ListDocument("jobs", jobs.map { JobRow($0, now: now) }))
        }
        router.get("/v1/jobs/{id}") { _, context in
            try JSONResponse.make(Single(item: JobRow(try job(context), now: Date())))
        }
        router.get("/v1/jobs/{id}/log") { request, context in
            let j = try job(context)
            let offset = try Self.number(request, "offset", default: 0, max: Int(Int32.max) * 1024)
            let max = try Self.number(request, "max", default: 64 * 1024, max: Self.maxChunk)
            let chunk = try await JobLog(jobs: state.jobs).read(j, on: try host(of: j), offset: offset, max: max)
            return try JSONResponse.make(chunk)
        }
        router.get("/v1/jobs/{id}/log/follow") { request, context in
            let j = try job(context)
            let h = try host(of: j)
            let start = try Self.number(request, "offset", default: 0, max: Int(Int32.max) * 1024)
            let reader = JobLog(jobs: state.jobs)
            // Reading once before answering turns an unknown log or an unreachable host into a 4xx/5xx, not a stream.
            let first = try await reader.read(j, on: h, offset: start, max: Self.maxChunk)
            let body = ResponseBody { writer in
                var chunk = first
                // Whole lines only: a line split across two reads goes out once complete (or at the end).
                var carry = Data()
                while true {
                    carry.append(chunk.bytes)
                    let cut = chunk.eof ? carry.endIndex : carry.lastIndex(of: 0x0A).map { carry.index(after: $0) }
                    if let cut, cut > carry.startIndex {
                        try await writer.write(ByteBuffer(string: SSE.event("log", String(decoding: carry[..<cut], as: UTF8.self))))
                        carry = Data(carry[cut...])
                    }
                    if chunk.eof {
                        try await writer.write(ByteBuffer(string: SSE.event("end", "\(chunk.nextOffset)")))
                        break
                    }
                    // A stream open when the server stops ends (without `end`) so the shutdown need not wait for the job.
                    if Task.isShuttingDownGracefully { break }
                    if chunk.bytes.isEmpty { try await Task.sleep(for: .seconds(1)) }
                    chunk = try await reader.read(j, on: h, offset: chunk.nextOffset, max: Self.maxChunk)
                }
                try await writer.finish(nil)
            }
            return Response(
                status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: body)
        }
    }

    /// The one job whose id starts with the `{id}` parameter (404 when none does).
    func job(_ context: ServerRequestContext) throws -> Job {
        let prefix = (context.parameters.get("id") ?? "").lowercased()
        guard !prefix.isEmpty, prefix.count <= 64, prefix.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
            throw APIError.badRequest("'\(prefix.prefix(64))' is not a job id (hex digits, any unique prefix)")
        }
        let service = JobService(context: state.services)
        if try service.list(all: true).allSatisfy({ !$0.id.hasPrefix(prefix) }) { throw APIError.notFound("no job '\(prefix)'") }
        return try service.job(prefix)
    }

    /// The roster host `job` runs on (404 when it left the roster).
    func host(of job: Job) throws -> Host {
        do {
            return try JobService.host(of: job, in: try state.hosts())
        } catch let e as HerdError {
            throw APIError.notFound(e.description)
        }
    }

    /// A whole-number query parameter from 0 to `max`.
    static func number(_ request: Request, _ key: String, default value: Int, max: Int) throws -> Int {
        guard let text = request.uri.queryParameters.get(key) else { return value }
        guard let n = Int(text), n >= 0, n <= max else { throw APIError.badRequest("'\(key)' must be a whole number from 0 to \(max)") }
        return n
    }
}

/// Server-Sent Events framing.
enum SSE {
    /// `event: NAME` and one `data:` line per line of `text` (a CR or LF inside never ends the event early).
    static func event(_ name: String, _ text: String) -> String {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
        if text.hasSuffix("\n") { lines.removeLast() }
        return "event: \(name)\n" + lines.map { "data: \($0)\n" }.joined() + "\n"
    }
}
