import Foundation
import HerdCore
import HerdService
import HerdStore
import HerdTestSupport
import Testing

/// `JobService.run` as a face without a terminal calls it (HTTP, MCP): the job is recorded before the host is
/// touched, runs when the launch works, and leaves no record behind when it does not.
@Suite struct RunServiceTests {
    @Test func aLaunchThatWorksLeavesARunningJob() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let context = try ReconcileTests.home(dir, hosts: ["sa01"])
        let service = JobService(context: context, runner: FakeAgentRunner(["sa01": .launches]))
        let job = try await service.run(RunRequest(command: ["make", "test"], host: "sa01", cwd: dir.path, sync: false))
        #expect(job.status == .running && job.host == "sa01" && job.command == ["make", "test"])
        #expect(try service.list().map(\.id) == [job.id])
    }

    @Test func aLaunchThatFailsLeavesNoRecordAndSaysWhy() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let context = try ReconcileTests.home(dir, hosts: ["sb01"])
        let service = JobService(context: context, runner: FakeAgentRunner(["sb01": .agentFails("tmux: not found")]))
        await #expect(throws: HerdError.self) {
            try await service.run(RunRequest(command: ["true"], host: "sb01", cwd: dir.path, sync: false))
        }
        do {
            _ = try await service.run(RunRequest(command: ["true"], host: "sb01", cwd: dir.path, sync: false))
        } catch {
            #expect("\(error)".contains("could not start the job: tmux: not found"), "\(error)")
        }
        #expect(try service.list().isEmpty, "a failed launch is forgotten")
    }

    @Test func anUnknownHostOrNoDefaultIsBadInput() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let context = try ReconcileTests.home(dir, hosts: ["sc01"])
        let service = JobService(context: context, runner: FakeAgentRunner([:]))
        for request in [RunRequest(command: ["true"], host: "nope", cwd: dir.path), RunRequest(command: ["true"], cwd: dir.path)] {
            do {
                _ = try await service.run(request)
                Issue.record("\(request) was accepted")
            } catch let e as HerdError {
                #expect(e.exitCode == 2, "\(e)")
            }
        }
        #expect(try service.list().isEmpty)
    }
}
