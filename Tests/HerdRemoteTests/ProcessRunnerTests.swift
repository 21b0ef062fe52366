import Foundation
import HerdRemote
import Testing

@Suite(.timeLimit(.minutes(1))) struct ProcessRunnerTests {
    @Test func capturesOutputStatusAndInput() async throws {
        let r = try await ProcessRunner().run("/bin/sh", ["-c", "cat; echo err >&2; exit 3"], input: Data("hello\n".utf8), timeout: .seconds(10))
        #expect(r.status == 3)
        #expect(r.stdoutText == "hello\n")
        #expect(r.stderrText == "err\n")
        #expect(!r.timedOut)
    }

    @Test func timeoutKillsTheProcess() async throws {
        let start = ContinuousClock.now
        let r = try await ProcessRunner().run("/bin/sleep", ["30"], input: nil, timeout: .milliseconds(300))
        #expect(r.timedOut)
        #expect(r.status == 128 + SIGTERM)
        #expect(ContinuousClock.now - start < .seconds(3))
    }

    @Test func aGrandchildHoldingThePipeDoesNotStallTheCaller() async throws {
        let start = ContinuousClock.now
        let r = try await ProcessRunner().run("/bin/sh", ["-c", "echo hi; sleep 30 & exit 0"], input: nil, timeout: .seconds(10))
        #expect(r.status == 0)
        #expect(r.stdoutText == "hi\n")
        #expect(ContinuousClock.now - start < .seconds(3))
    }

    @Test func missingExecutableIsAnError() async {
        await #expect(throws: RemoteError.self) {
            try await ProcessRunner().run("/nonexistent/x", [], input: nil, timeout: nil)
        }
    }
}
