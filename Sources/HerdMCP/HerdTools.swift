import Foundation
import Synchronization
import HerdCore
import HerdEngine
import HerdService
import HerdStore
import MCP

/// Answers MCP tool calls by calling herd's use cases and rendering their results: JSON documents through
/// `StructuredOutput`, the context block as text. Every failure becomes a tool error (`isError`) with one line;
/// every call has a time limit, so a hung host never hangs the client.
public struct HerdTools: Sendable {
    public let queries: ClusterQueries
    public let allowExec: Bool
    /// The longest a read-only call may take before it is answered with a tool error.
    public let callLimit: Duration

    public init(queries: ClusterQueries, allowExec: Bool, callLimit: Duration = .seconds(90)) {
        self.queries = queries
        self.allowExec = allowExec
        self.callLimit = callLimit
    }

    /// The tools offered: the read-only ones, and `run` with `--allow-exec`.
    public var tools: [Tool] { ToolCatalog.readTools + (allowExec ? [ToolCatalog.runTool] : []) }

    /// The result of calling `name` with `arguments`: never throws.
    public func call(_ name: String, _ arguments: [String: Value]?) async -> CallTool.Result {
        let limit = name == "run" ? callLimit + .seconds(300) : callLimit
        do {
            let text = try await Self.within(limit, tool: name) { try await self.answer(name, arguments) }
            return CallTool.Result(content: [.text(text: text, annotations: nil, _meta: nil)], isError: false)
        } catch {
            return CallTool.Result(content: [.text(text: Self.oneLine(error), annotations: nil, _meta: nil)], isError: true)
        }
    }

    /// An error as one line: `HerdError`'s message, the failure's text, never a multi-line dump.
    static func oneLine(_ error: any Error) -> String {
        let text = (error as? HerdError)?.description ?? (error as? ToolFailure)?.description ?? "\(error)"
        let first = text.split(whereSeparator: \.isNewline).first.map { String($0) } ?? "failed"
        return TerminalText.line(String(first.prefix(500)))
    }

    private func answer(_ name: String, _ arguments: [String: Value]?) async throws -> String {
        let now = Date()
        switch name {
        case "snapshot":
            _ = try ToolArguments(tool: name, values: arguments, allowed: [])
            let snapshot = try await queries.snapshot(try queries.hosts(selector: nil))
            let reserved = try SnapshotService(context: queries.context).reservedRAM()
            return try StructuredOutput.json(SnapshotDocument(snapshot, now: now, totals: true, reserved: reserved))
        case "hosts":
            let args = try ToolArguments(tool: name, values: arguments, allowed: ["selector"])
            let hosts = try queries.hosts(selector: try args.string("selector"))
            return try StructuredOutput.json(SnapshotDocument(try await queries.snapshot(hosts), now: now, totals: false))
        case "place":
            let args = try ToolArguments(tool: name, values: arguments, allowed: ["query", "ram", "gpus", "cpus", "tools", "gpu_mem"])
            let query = try args.string("query") ?? ""
            let needs = ClusterQueries.requirements(query: query, explicit: try args.requirements())
            let answer = try queries.place(try await queries.snapshot(try queries.hosts(selector: nil)), query: query, needs: needs)
            return try StructuredOutput.json(ToolDocuments.Place(query: query, requirements: needs, chosen: answer.chosen?.host, hosts: answer.candidates))
        case "context":
            let args = try ToolArguments(tool: name, values: arguments, allowed: ["query"])
            return try await queries.context(query: try args.string("query")).render(now: Date())
        case "jobs":
            let args = try ToolArguments(tool: name, values: arguments, allowed: ["all"])
            let all = try args.bool("all")
            let jobs = JobListing.ordered(try await queries.jobs(all: all), all: all, now: now)
            return try StructuredOutput.json(ListDocument("jobs", jobs.map { JobRow($0, now: now) }))
        case "job_log":
            let args = try ToolArguments(tool: name, values: arguments, allowed: ["id", "offset", "max_bytes"])
            guard let id = try args.string("id") else { throw ToolFailure("job_log: 'id' is required (a job id or unique prefix, from jobs)") }
            let offset = try args.int("offset", in: 0...Int.max).map { UInt64($0) }
            let limit = UInt64(try args.int("max_bytes", in: 1...65536) ?? 8192)
            let (job, w) = try await queries.jobLog(id, offset: offset, limit: limit)
            return try StructuredOutput.json(ToolDocuments.JobLog(
                id: job.id, host: job.host, status: job.status.rawValue, offset: w.offset, nextOffset: w.nextOffset, size: w.size, text: w.text))
        case "reservations":
            _ = try ToolArguments(tool: name, values: arguments, allowed: [])
            return try StructuredOutput.json(ListDocument("reservations", try queries.reservations()))
        case "run":
            guard allowExec else {
                throw ToolFailure("run: refused: execution is off; the server was started without --allow-exec (herd mcp serve --allow-exec)")
            }
            return try await RunTool(context: queries.context).call(arguments)
        default:
            let names = tools.map(\.name).joined(separator: ", ")
            throw ToolFailure("unknown tool '\(TerminalText.line(String(name.prefix(40))))' (tools: \(names))")
        }
    }

    /// Runs `body`, or fails with a tool error once `limit` has passed; the late work is cancelled and left to end on
    /// its own (a task group would wait for it), so the answer never waits on a call that ignores cancellation.
    static func within(_ limit: Duration, tool: String, _ body: @escaping @Sendable () async throws -> String) async throws -> String {
        let once = ResumeOnce()
        return try await withCheckedThrowingContinuation { (c: CheckedContinuation<String, any Error>) in
            let work = Mutex<Task<Void, Never>?>(nil)
            let timer = Task {
                try? await Task.sleep(for: limit)
                if Task.isCancelled { return }
                if once.resume(c, with: .failure(ToolFailure("\(tool): no answer within \(limit.components.seconds) s"))) {
                    work.withLock { $0?.cancel() }
                }
            }
            // The answer stops the timer, so a quick call leaves no task sleeping out the limit.
            work.withLock {
                $0 = Task {
                    do { once.resume(c, with: .success(try await body())) } catch { once.resume(c, with: .failure(error)) }
                    timer.cancel()
                }
            }
        }
    }
}

/// Resumes a continuation once: the first result wins, later ones are dropped.
final class ResumeOnce: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false

    /// Resumes `c` with `result` unless it was resumed already; returns whether this call did.
    @discardableResult
    func resume(_ c: CheckedContinuation<String, any Error>, with result: Result<String, any Error>) -> Bool {
        let first = lock.withLock {
            if done { return false }
            done = true
            return true
        }
        if first { c.resume(with: result) }
        return first
    }
}
