import Foundation
import HerdTestSupport
import Testing

/// `herd init --dry-run` goes through the same decisions as the real run: on a host without sudo, each feature's
/// outcome (skipped for lack of sudo, not applicable, already done) is the same in both.
@Suite(.timeLimit(.minutes(3))) struct InitDryRunTests {
    @Test func dryRunAndRealRunAgreeOnAHostWithoutSudo() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try await withTestBed(1, prefix: "h4g") { bed in
            let host = bed.hosts[0]
            let herd = HerdBinary(home: dir.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
            #expect(try await herd.run(["host", "add", host.name, host.name]).status == 0)
            let dry = try await herd.run(["init", host.name, "--dry-run"], timeout: .seconds(120))
            let real = try await herd.run(["init", host.name], timeout: .seconds(120))
            let planned = InitCommandTests.rows(dry.stdoutText), done = InitCommandTests.rows(real.stdoutText)
            #expect(planned.count == 8, "\(dry.stdoutText) \(dry.stderrText)")
            #expect(!dry.stdoutText.contains("would run"), "\(dry.stdoutText)")
            for (key, outcome) in planned {
                #expect(done[key]?.status == outcome.status && done[key]?.detail == outcome.detail,
                        "\(key): dry run \(outcome), real run \(String(describing: done[key]))")
            }
            #expect(planned.values.contains { $0.status == "skipped" && $0.detail.contains("sudo") })
        }
    }
}
