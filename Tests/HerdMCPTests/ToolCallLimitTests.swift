import Foundation
import HerdCore
import HerdMCP
import HerdService
import HerdStore
import HerdTestSupport
import MCP
import Synchronization
import Testing

/// Every MCP tool call has a time limit (90 s by default): a call whose answer never comes is a one-line tool error
/// when the limit passes, and its work is cancelled; a quick call is not held to the limit. The slow part is a
/// snapshot cache that never answers, standing in for a hung daemon or host.
@Suite struct ToolCallLimitTests {
    static func context(_ dir: TempDir) -> ServiceContext {
        ServiceContext(home: HerdHome(root: URL(fileURLWithPath: dir.file("home"))), environment: [:])
    }

    @Test func aCallThatNeverAnswersIsAToolErrorAtItsLimitAndIsCancelled() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let cancelled = Mutex(false)
        let queries = ClusterQueries(context: Self.context(dir)) { _ in
            do {
                try await Task.sleep(for: .seconds(3600))
            } catch {
                cancelled.withLock { $0 = true }
                throw error
            }
            throw CancellationError()
        }
        let tools = HerdTools(queries: queries, allowExec: false, callLimit: .seconds(1))
        let start = ContinuousClock.now
        let result = await tools.call("snapshot", nil)
        let took = ContinuousClock.now - start
        #expect(result.isError == true)
        guard case .text(let text, _, _) = result.content.first else { Issue.record("no text: \(result.content)"); return }
        #expect(text == "snapshot: no answer within 1 s")
        #expect(took >= .seconds(1) && took < .seconds(3), "answered after \(took)")
        let deadline = ContinuousClock.now + .seconds(2)
        while !cancelled.withLock({ $0 }), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(cancelled.withLock { $0 }, "the call's work kept running after its limit")
    }

    @Test func aQuickCallAnswersAtOnceUnderTheLimit() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let now = Date()
        let queries = ClusterQueries(context: Self.context(dir)) { hosts in
            Snapshot(takenAt: now, hosts: hosts.map { HostState(host: $0, status: .complete, lastSeen: now) })
        }
        let tools = HerdTools(queries: queries, allowExec: false, callLimit: .seconds(90))
        let start = ContinuousClock.now
        let result = await tools.call("context", nil)
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(result.isError != true)
        guard case .text(let text, _, _) = result.content.first else { Issue.record("no text: \(result.content)"); return }
        #expect(text.contains("\nSource: daemon-cache, "), "\(text)")
    }
}
