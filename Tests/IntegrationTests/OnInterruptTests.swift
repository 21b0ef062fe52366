import Foundation
import HerdRemote
import HerdTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C (SIGINT) during `herd on` and `herd logs -f` stops the remote side too; big outputs stay fast.
@Suite(.timeLimit(.minutes(3))) struct OnInterruptTests {
    /// Starts the built herd with `args` as a child of the test (so the test can signal it).
    static func start(_ herd: HerdBinary, _ args: [String]) throws -> ChildProcess {
        var env = ProcessInfo.processInfo.environment.merging(herd.environment) { _, new in new }
        env["HERD_HOME"] = herd.home
        return try ChildProcess.spawn(HerdBinary.path, args, environment: env, pipeStdin: false)
    }

    /// Polls `command` (run locally) until its output is non-empty (`present`) or empty, within `bound`.
    static func waitFor(_ command: String, present: Bool, within bound: Duration) async throws -> Bool {
        let deadline = ContinuousClock.now + bound
        while ContinuousClock.now < deadline {
            let out = try await HerdBinary.shell(command).trimmingCharacters(in: .whitespacesAndNewlines)
            if out.isEmpty != present { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// Exit status of `child` once it has exited (polling, within `bound`), else nil.
    static func exitStatus(_ child: ChildProcess, within bound: Duration) async throws -> Int32? {
        let deadline = ContinuousClock.now + bound
        while ContinuousClock.now < deadline {
            if let s = child.reapIfExited() { return s }
            try await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    @Test func ctrlCStopsTheRemoteCommandOnEveryHost() async throws {
        let home = try TempDir()
        defer { home.remove() }
        try await withTestBed(2, prefix: "h2c") { bed in
            let herd = try await OnCommandTests.herd(for: bed, home: home)
            let users = bed.hosts.map(\.user).joined(separator: ",")
            let child = try Self.start(herd, ["on", "all", "--", "sleep", "300"])
            defer { child.closeOutputs() }
            #expect(try await Self.waitFor("pgrep -u \(users) -x sleep -a | grep -c 'sleep 300' | grep -x 2 || true", present: true, within: .seconds(20)))
            child.signal(SIGINT)
            #expect(try await Self.exitStatus(child, within: .seconds(5)) == 130)
            // The wrapper sees EOF on its stdin as soon as herd is gone, and ends the command's process group.
            #expect(try await Self.waitFor("pgrep -u \(users) -f 'sleep 300' || true", present: false, within: .seconds(3)),
                    "sleep 300 left on a host")
        }
    }

    @Test func ctrlCEndsTheFollowLoopOnTheHost() async throws {
        let home = try TempDir()
        defer { home.remove() }
        try await withTestBed(1, prefix: "h2d") { bed in
            let herd = try await OnCommandTests.herd(for: bed, home: home)
            let run = try await herd.run(["run", "h2d01", "-d", "-n", "--", "while true; do echo tick; sleep 1; done"])
            #expect(run.status == 0, "\(run.stderrText)")
            let id = run.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
            let user = bed.hosts[0].user
            let child = try Self.start(herd, ["logs", "-f", id])
            defer { child.closeOutputs() }
            // The follow asks the host's agent session (`herd-agent serve`) for what is new, from an offset.
            #expect(try await Self.waitFor("pgrep -u \(user) -f 'herd-agent serve' || true", present: true, within: .seconds(20)))
            child.signal(SIGINT)
            #expect(try await Self.exitStatus(child, within: .seconds(5)) == 130)
            #expect(try await Self.waitFor("pgrep -u \(user) -f 'herd-agent serve'; pgrep -u \(user) -x tail || true", present: false, within: .seconds(3)),
                    "the follow's agent stayed on the host")
            #expect(try await herd.run(["stop", id]).status == 0)
        }
    }

    @Test func eightMegabytesWithoutNewlineArriveWhole() async throws {
        let home = try TempDir()
        defer { home.remove() }
        try await withTestBed(1, prefix: "h2e") { bed in
            let herd = try await OnCommandTests.herd(for: bed, home: home)
            let command = "head -c 8000000 /dev/zero | tr '\\0' x"
            let start = ContinuousClock.now
            let r = try await herd.run(["on", "h2e01", "--timeout", "20", "--", command])
            let elapsed = ContinuousClock.now - start
            #expect(r.status == 0, "\(r.stderrText)")
            #expect(r.stderrText == "herd: 1 host: 1 ok\n")
            #expect(r.stdout.count { $0 == UInt8(ascii: "x") } == 8_000_000)
            // 64 KiB pieces, each labelled.
            #expect(r.stdout.count { $0 == 0x0A } == 8_000_000 / (64 * 1024) + 1)
            #expect(elapsed < .seconds(10), "took \(elapsed)")
            let json = try await herd.run(["on", "h2e01", "--timeout", "20", "--json", "--", command])
            #expect(json.status == 0)
            let doc = try OnCommandTests.json(json)
            let row = try #require((doc["results"] as? [[String: Any]])?.first)
            #expect((row["stdout"] as? String)?.utf8.count == 8_000_000)
            #expect(row["timed_out"] as? Bool == false)
        }
    }
}
