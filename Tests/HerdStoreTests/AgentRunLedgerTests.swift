import Foundation
import HerdCore
import HerdStore
import HerdTestSupport
import Testing

/// The agent-run ledger in herd.db: runs recorded, outcomes noted once, failed commands learned-bad per host.
@Suite struct AgentRunLedgerTests {
    @Test func aFailedCommandIsLearnedBadOnItsHostOnly() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try JobStore(home: HerdHome(root: URL(fileURLWithPath: dir.file("home"))))
        let t = Date(timeIntervalSince1970: 1_795_000_000)
        try store.recordAgentRun(AgentRun(jobID: "j1", host: "a", command: "exec: make test", startedAt: t))
        try store.recordAgentRun(AgentRun(jobID: "j2", host: "b", command: "exec: make test", startedAt: t))
        #expect(try store.learnedBad(host: "a", command: "exec: make test") == nil, "not ended yet")
        let noted = try store.noteAgentOutcome(jobID: "j1", exitCode: 2, failed: true)
        #expect(noted?.failed == true && noted?.exitCode == 2)
        #expect(try store.noteAgentOutcome(jobID: "j1", exitCode: 2, failed: true) == nil, "noted once")
        #expect(try store.noteAgentOutcome(jobID: "not-an-agent-job", exitCode: 1, failed: true) == nil)
        try store.noteAgentOutcome(jobID: "j2", exitCode: 0, failed: false)
        #expect(try store.learnedBad(host: "a", command: "exec: make test")?.jobID == "j1")
        #expect(try store.learnedBad(host: "b", command: "exec: make test") == nil)
        #expect(try store.learnedBad(host: "a", command: "exec: make lint") == nil)
        #expect(try store.agentRuns().count == 2)
    }

    /// A command longer than what is stored is still found again (stored and looked up the same way).
    @Test func longCommandsMatchThemselves() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try JobStore(home: HerdHome(root: URL(fileURLWithPath: dir.file("home"))))
        let long = "script: " + String(repeating: "echo x\n", count: 2000)
        try store.recordAgentRun(AgentRun(jobID: "j", host: "a", command: long, startedAt: Date()))
        try store.noteAgentOutcome(jobID: "j", exitCode: 1, failed: true)
        #expect(try store.learnedBad(host: "a", command: long) != nil)
    }
}
