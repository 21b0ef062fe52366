import Foundation
import HerdCore
import HerdRemote
import Testing

@Suite(.timeLimit(.minutes(1))) struct AgentScriptTests {
    @Test func isShellcheckClean() async throws {
        let shellcheck = try #require(Executable.find("shellcheck"), "shellcheck is installed by make test")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("herd-agent-\(UUID().uuidString).sh")
        try AgentScript.source.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let r = try await ProcessRunner().run(shellcheck, ["-s", "sh", file.path], input: nil, timeout: .seconds(30))
        #expect(r.status == 0, "\(r.stdoutText)")
    }

    @Test func probeModeRunsUnderPlainSh() async throws {
        let r = try await ProcessRunner().run("/bin/sh", ["-c", AgentScript.command(mode: "probe")], input: nil, timeout: .seconds(10))
        #expect(r.status == 0)
        #expect(ProbeParser.parse(r.stdoutText).problems.isEmpty)
    }
}
