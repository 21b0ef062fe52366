import Foundation
import HerdCore
import HerdEngine
import HerdRemote
import HerdTestSupport
import Testing

/// A host whose nvidia-smi (or df) hangs: every probe round answers `partial` with the reason, and the host's
/// processes do not pile up, neither with `herd ls` nor with the dashboard's persistent sessions, including when the
/// session's own timeout is shorter than the step's bound.
@Suite(.serialized, .timeLimit(.minutes(2))) struct ProbeStepTimeoutTests {
    @Test func hungStepsGivePartialHostsAndNoPileUp() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let marker = Int.random(in: 10000...99999)
        for tool in ["nvidia-smi", "df"] {
            try FileManager.default.createDirectory(atPath: dir.file(tool), withIntermediateDirectories: true)
            try "#!/bin/sh\nsleep \(marker)\n".write(toFile: dir.file("\(tool)/\(tool)"), atomically: true, encoding: .utf8)
            try "#!/bin/sh\nPATH=\(dir.file(tool)):$PATH\nexport PATH\nexec /bin/sh \"$@\"\n".write(toFile: dir.file("login-\(tool)"), atomically: true, encoding: .utf8)
        }
        _ = try await HerdBinary.shell("chmod -R 755 \(dir.path)")
        let ctl = try TempDir("herd-ctl")
        defer { ctl.remove() }

        try await withTestBed(2, prefix: "h3p") { bed in
            try await bed.shell("h3p01", dir.file("login-nvidia-smi"))
            try await bed.shell("h3p02", dir.file("login-df"))
            /// The host user's processes other than sshd: agents and the fake tools' sleeps.
            func processes(_ user: String) async throws -> [String] {
                try await HerdBinary.shell("ps -u \(user) -o args= | grep -v '^sshd' || true").split(separator: "\n").map(String.init)
            }

            // herd ls, three times: partial with the reason each time.
            let herd = HerdBinary(home: dir.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
            #expect(try await herd.run(["host", "add", "h3p01", "h3p01"]).status == 0)
            #expect(try await herd.run(["host", "add", "h3p02", "h3p02"]).status == 0)
            for _ in 1...3 {
                let ls = try await herd.run(["ls"], timeout: .seconds(30))
                #expect(ls.stderrText.contains("h3p01 partial: nvidia-smi: timed out after \(AgentScript.stepSeconds)s"), "\(ls.stderrText)")
                #expect(ls.stderrText.contains("h3p02 partial: df: timed out after \(AgentScript.stepSeconds)s"), "\(ls.stderrText)")
            }
            for user in ["herd_h3p01", "herd_h3p02"] {
                var left: [String] = []
                let deadline = ContinuousClock.now + .seconds(2)
                repeat {
                    left = try await processes(user)
                    if !left.isEmpty { try await Task.sleep(for: .milliseconds(200)) }
                } while !left.isEmpty && ContinuousClock.now < deadline
                #expect(left.isEmpty, "herd ls left processes on \(user): \(left)")
            }

            // Persistent sessions as the dashboard runs them: first with room for the step (answers partial), then with
            // a session timeout shorter than the step, so every round's session is torn down mid-step.
            let hosts = bed.hosts.map { HerdCore.Host(name: $0.name, ssh: $0.name) }
            let options = SSHOptions(configFile: bed.sshConfig, controlDir: ctl.path, connectTimeout: 5, controlPersist: "30")
            for timeout in [Duration.seconds(6), .seconds(1)] {
                let config = RefreshConfig(interval: .milliseconds(200), timeout: timeout, backoffBase: .milliseconds(200), backoffMax: .milliseconds(400))
                let engine = RefreshEngine(hosts: hosts, prober: SessionProber(options: options), config: config)
                // Sampled apart from the rounds, so that steps in flight are seen too.
                let sampler = Task {
                    var most = 0
                    while !Task.isCancelled {
                        let hung = (try? await processes("herd_h3p01"))?.filter { $0.contains("sleep \(marker)") }.count ?? 0
                        most = max(most, hung)
                        try? await Task.sleep(for: .milliseconds(150))
                    }
                    return most
                }
                // Long enough for about eight torn-down rounds with the short timeout: without the bound, eight stuck.
                let until = ContinuousClock.now + (timeout < .seconds(AgentScript.stepSeconds) ? .seconds(12) : .seconds(6))
                while ContinuousClock.now < until {
                    let snap = await engine.round()
                    if timeout > .seconds(AgentScript.stepSeconds + 1) {
                        #expect(snap.hosts.map(\.status) == [.partial, .partial], "\(snap.hosts.map { "\($0.status) \($0.reasons)" })")
                        #expect(snap.hosts[0].reasons == ["nvidia-smi: timed out after \(AgentScript.stepSeconds)s"])
                    }
                    try await Task.sleep(for: .milliseconds(200))
                }
                sampler.cancel()
                let most = await sampler.value
                await engine.shutdown()
                print("probe timeouts: session timeout \(timeout): at most \(most) hung nvidia-smi at once")
                // A torn-down agent lives one step bound longer (3 s) while rounds restart every ~1.4 s: two or three at
                // once, four with jitter. Without the bound, every torn-down round left one more for good.
                #expect(most <= 4, "\(most) hung nvidia-smi at once with session timeout \(timeout)")
                // And nothing survives its bound once the sessions are gone.
                var left: [String] = []
                let deadline = ContinuousClock.now + .seconds(AgentScript.stepSeconds + 3)
                repeat {
                    try await Task.sleep(for: .milliseconds(250))
                    left = try await processes("herd_h3p01") + processes("herd_h3p02")
                } while !left.isEmpty && ContinuousClock.now < deadline
                #expect(left.isEmpty, "left behind with session timeout \(timeout): \(left)")
            }
        }
    }
}
