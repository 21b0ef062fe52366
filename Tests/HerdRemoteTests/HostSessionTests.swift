import Foundation
import HerdCore
import HerdRemote
import Testing

/// The persistent agent session, run locally under /bin/sh (the same code path ssh feeds remotely).
@Suite(.timeLimit(.minutes(1))) struct HostSessionTests {
    static func localAgent() -> HostSession {
        HostSession(executable: "/bin/sh", arguments: ["-c", AgentScript.source, "herd-agent", "serve"])
    }

    @Test func answersRequestsOnOneProcess() async throws {
        let s = Self.localAgent()
        #expect(try await s.request("ping", timeout: .seconds(5)) == ["pong"])
        let probe = try await s.request("probe", timeout: .seconds(5))
        let parsed = ProbeParser.parse(probe.joined(separator: "\n"))
        #expect(parsed.problems.isEmpty, "\(parsed.problems)")
        #expect(parsed.usage.memTotal != nil)
        #expect(try await s.request("ping", timeout: .seconds(5)) == ["pong"])
        #expect(await s.isOpen)
        await s.stop()
    }

    @Test func concurrentRequestsGetTheirOwnAnswers() async throws {
        let s = Self.localAgent()
        async let a = s.request("ping", timeout: .seconds(5))
        async let b = s.request("probe", timeout: .seconds(5))
        async let c = s.request("nonsense", timeout: .seconds(5))
        let (ra, rb, rc) = try await (a, b, c)
        #expect(ra == ["pong"])
        #expect(rb.first == "@@uname")
        #expect(rc == ["@@error unknown verb"])
        await s.stop()
    }

    @Test func aDeadAgentFailsThenRestarts() async throws {
        let s = HostSession(executable: "/bin/sh", arguments: ["-c", "echo 'ssh: connect to host x port 1: Connection refused' >&2; exit 255"])
        await #expect(throws: SessionError.closed(reason: "ssh: connect to host x port 1: Connection refused")) {
            try await s.request("probe", timeout: .seconds(5))
        }
        // The next request starts a new process (and fails the same way) instead of reusing the dead one.
        await #expect(throws: SessionError.self) { try await s.request("probe", timeout: .seconds(5)) }
    }

    @Test func aSilentAgentTimesOut() async throws {
        let s = HostSession(executable: "/bin/sh", arguments: ["-c", "exec sleep 30"])
        let start = ContinuousClock.now
        await #expect(throws: SessionError.timeout(.milliseconds(200))) { try await s.request("probe", timeout: .milliseconds(200)) }
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(await !s.isOpen)
    }
}

/// A host that answers with megabytes and no newline: the session stays fast and bounded.
@Suite(.timeLimit(.minutes(1))) struct HostSessionScaleTests {
    @Test func aHugeLineWithoutNewlineIsReadInLinearTime() async throws {
        // A fake agent: each request gets 20 MB without a newline, then the done marker.
        let script = #"while read -r id verb; do head -c 20000000 /dev/zero | tr '\0' x; printf '\n@@herd-done %s 0\n' "$id"; done"#
        let s = HostSession(executable: "/bin/sh", arguments: ["-c", script])
        let start = ContinuousClock.now
        let lines = try await s.request("probe", timeout: .seconds(20))
        #expect(ContinuousClock.now - start < .seconds(10))
        #expect(lines.count == 1 && lines.first?.utf8.count == 1 << 20, "one line, cut at 1 MiB")
        #expect(try await s.request("probe", timeout: .seconds(20)).count == 1, "the session still answers")
        await s.stop()
    }
}
