import Foundation
import HerdCore
import HerdRemote
import Testing

/// Every external step of the probe agent has its own time bound: a hung nvidia-smi or df yields a partial probe
/// with the reason, within the bound, and leaves no process behind; with coreutils `timeout` and without it.
@Suite(.serialized, .timeLimit(.minutes(1))) struct AgentStepTimeoutTests {
    /// A directory of fake tools that hang: `nvidia-smi` and `df` are shell scripts sleeping a marked, long time
    /// (a child process, so killing only the script would leave the sleep behind).
    struct FakeTools {
        let dir: String
        let marker: Int

        init(hang: [String], hideTimeout: Bool) throws {
            dir = FileManager.default.temporaryDirectory.appendingPathComponent("herd-fake-\(UUID().uuidString.prefix(8))").path
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            marker = Int.random(in: 100_000...999_999)
            for tool in hang {
                try "#!/bin/sh\nsleep \(marker)\n".write(toFile: "\(dir)/\(tool)", atomically: true, encoding: .utf8)
                chmod("\(dir)/\(tool)", 0o755)
            }
            if hideTimeout {
                // A PATH without coreutils `timeout`: only what the agent needs, linked one by one.
                for tool in ["uname", "nproc", "getconf", "sleep", "pkill", "df", "cat", "tr", "head"] where !hang.contains(tool) {
                    if let path = Executable.find(tool) { try FileManager.default.createSymbolicLink(atPath: "\(dir)/\(tool)", withDestinationPath: path) }
                }
            }
        }

        var path: String { dir }
        func remove() { try? FileManager.default.removeItem(atPath: dir) }

        /// Processes still running the fake tools' sleeps.
        func leftovers() async throws -> String {
            try await ProcessRunner().run("/bin/sh", ["-c", "ps -eo pid=,args= | grep -w 'sleep \(marker)' | grep -v grep || true"], input: nil, timeout: .seconds(5)).stdoutText
        }
    }

    func probe(_ tools: FakeTools, alone: Bool) async throws -> (ProbeParser.Result, Duration) {
        let path = alone ? tools.path : "\(tools.path):/usr/local/bin:/usr/bin:/bin"
        let start = ContinuousClock.now
        let r = try await ProcessRunner(environment: ["PATH": path]).run("/bin/sh", ["-c", AgentScript.source, "herd-agent", "probe"], input: nil, timeout: .seconds(30))
        #expect(r.status == 0, "\(r.stderrText)")
        return (ProbeParser.parse(r.stdoutText), ContinuousClock.now - start)
    }

    @Test(arguments: [false, true])
    func hungNvidiaSMIAndDFGivePartialProbeWithReasonsAndNoLeftovers(withoutTimeout: Bool) async throws {
        let tools = try FakeTools(hang: ["nvidia-smi", "df"], hideTimeout: withoutTimeout)
        defer { tools.remove() }
        let (result, took) = try await probe(tools, alone: withoutTimeout)
        let bound = AgentScript.stepSeconds
        #expect(result.problems.contains("nvidia-smi: timed out after \(bound)s"), "\(result.problems)")
        #expect(result.problems.contains("df: timed out after \(bound)s"), "\(result.problems)")
        #expect(!result.problems.contains { $0.hasPrefix("df: ") && !$0.contains("timed out") }, "one reason per step")
        #expect(result.usage.memTotal != nil && result.usage.load != nil, "the other steps still answered")
        // Two hung steps, each killed at its bound (+1 s for KILL at most), and nothing more.
        #expect(took < .seconds(2 * (bound + 1) + 2), "probe took \(took)")
        #expect(took >= .seconds(2 * bound), "the steps were not waited for: \(took)")
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await tools.leftovers().isEmpty, "a killed step left its child running")
    }

    @Test func aHealthyProbeHasNoTimeoutAndIsFast() async throws {
        let tools = try FakeTools(hang: [], hideTimeout: false)
        defer { tools.remove() }
        let (result, took) = try await probe(tools, alone: false)
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(took < .seconds(2))
    }

    @Test func timeoutLinesBecomeReasonsAndHostileOnesAreIgnored() {
        let text = """
            @@timeout nvidia-smi 3
            @@timeout \u{1b}]0;evil 3
            @@timeout df 99999999999999999999
            @@uname
            Linux 6.1 x86_64
            @@gpu
            0, NVIDIA A100, 5, 100, 40000
            @@end
            """
        let r = ProbeParser.parse(text)
        #expect(r.problems.contains("nvidia-smi: timed out after 3s"))
        #expect(!r.problems.contains { $0.contains("evil") || $0.contains("99999") })
        #expect(r.usage.gpus.isEmpty, "GPUs printed before the kill may be only some of them")
    }
}
