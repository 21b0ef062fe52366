import Foundation
import HerdCore
import HerdRemote
import Testing

@Suite(.timeLimit(.minutes(1))) struct AgentScriptTests {
    @Test func probeModeRunsUnderPlainSh() async throws {
        let r = try await ProcessRunner().run("/bin/sh", ["-c", AgentScript.command(mode: "probe")], input: nil, timeout: .seconds(10))
        #expect(r.status == 0)
        #expect(ProbeParser.parse(r.stdoutText).problems.isEmpty)
    }
}
