import Foundation
import HerdCore
import HerdRemote
import Testing

/// Every shell script herd sends to hosts passes shellcheck (POSIX sh).
@Suite(.timeLimit(.minutes(1))) struct ScriptLintTests {
    static let scripts: [(String, String)] = [
        ("agent", AgentScript.source),
        ("clean", CleanScript.source),
        ("on-wrapper", RemoteCommand.wrapper),
        ("job-agent", JobAgent.source),
        ("init-all", InitFeature.script(InitFeature.all)),
        ("clean-leashed", RemoteLeash.wrap(CleanScript.source, sudo: true)),
        ("init-leashed", RemoteLeash.wrap(InitFeature.script(InitFeature.all), sudo: false)),
    ] + InitFeature.all.map { ("init-\($0.name)", InitFeature.script([$0])) }

    @Test(arguments: scripts.map(\.0))
    func isShellcheckClean(_ name: String) async throws {
        let source = try #require(Self.scripts.first { $0.0 == name }?.1)
        let shellcheck = try #require(Executable.find("shellcheck"), "shellcheck is installed by make test")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("herd-\(name)-\(UUID().uuidString).sh")
        try source.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let r = try await ProcessRunner().run(shellcheck, ["-s", "sh", file.path], input: nil, timeout: .seconds(30))
        #expect(r.status == 0, "\(r.stdoutText)")
    }

    @Test func initCheckModeChangesNothingAndAnswersForEveryFeature() async throws {
        let r = try await ProcessRunner().run(
            "/bin/sh", ["-c", InitFeature.script(InitFeature.all), "herd-init", "check", "0", "1"], input: nil, timeout: .seconds(30))
        #expect(r.status == 0)
        let report = InitReport.parse(r.stdoutText)
        #expect(report.entries.map(\.feature) == InitFeature.all.map(\.name))
        #expect(report.entries.allSatisfy { ["already", "would", "skipped"].contains($0.status) }, "\(report.entries)")
    }
}
