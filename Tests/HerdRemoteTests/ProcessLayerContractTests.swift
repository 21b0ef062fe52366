import Foundation
import HerdRemote
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The contract of herd's process layer, one test per reason herd could not use Foundation's `Process`
/// (docs/DECISIONS.md, "Our own posix_spawn runner" and "The process layer"). They run against whichever runner
/// herd uses (`runner` below); a replacement must pass all of them.
@Suite(.timeLimit(.minutes(1))) struct ProcessLayerContractTests {
    /// The runner under contract.
    static var runner: any CommandRunner { ProcessRunner() }

    /// A `/proc/self/status` field of the child, as hex.
    static func statusField(_ name: String) async throws -> String {
        let r = try await runner.run("/bin/sh", ["-c", "grep '^\(name):' /proc/self/status"], input: nil, timeout: .seconds(10))
        return r.stdoutText.split(separator: "\t").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? "?"
    }

    @Test func childrenGetDefaultSignalDispositionsAndAnEmptyMask() async throws {
        // herd ignores SIGPIPE (and SIGINT/SIGQUIT while attached); a child must not inherit that. Signals 32 and 33
        // are glibc's own (NPTL) and cannot be reset by any runner: only the classic signals 1-31 are checked.
        _ = signal(SIGPIPE, SIG_IGN)
        let classic: UInt64 = 0x7fff_ffff
        let ignored = UInt64(try await Self.statusField("SigIgn"), radix: 16)
        #expect(ignored.map { $0 & classic } == 0, "SigIgn \(String(describing: ignored))")
        #expect(try await Self.statusField("SigBlk") == "0000000000000000")
        // The practical effect: a producer whose reader went away dies of SIGPIPE (141) instead of spinning.
        let r = try await Self.runner.run("/bin/sh", ["-c", "(yes; echo $? >&2) | head -c 1 >/dev/null"], input: nil, timeout: .seconds(10))
        #expect(r.stderrText == "141\n")
    }

    @Test func pipesAreCloseOnExecSoConcurrentChildrenDoNotInheritThem() async throws {
        let dir = try ContractTempDir()
        defer { dir.remove() }
        // While one child runs with its pipes open, a second child holds none of them.
        let holder = Task {
            try await Self.runner.run(
                "/bin/sh", ["-c", "for n in 0 1 2; do p=$(readlink /proc/$$/fd/$n); echo \"$p\" >> '\(dir.path)/pipes'; done; exec sleep 2"],
                input: Data("x".utf8), timeout: .seconds(10))
        }
        var pipes: [Substring] = []
        for _ in 0..<100 where pipes.count < 3 {
            try await Task.sleep(for: .milliseconds(20))
            pipes = ((try? String(contentsOfFile: dir.path + "/pipes", encoding: .utf8)) ?? "").split(separator: "\n")
        }
        #expect(pipes.count == 3 && pipes.allSatisfy { $0.hasPrefix("pipe:") }, "\(pipes)")
        let r = try await Self.runner.run(
            "/bin/sh", ["-c", "for f in /proc/$$/fd/*; do readlink \"$f\"; done; true"], input: nil, timeout: .seconds(10))
        let held = r.stdoutText.split(separator: "\n")
        #expect(!held.contains { pipes.contains($0) }, "inherited \(held) of \(pipes)")
        _ = try await holder.value
    }

    @Test func aGrandchildHoldingThePipesDoesNotStallTheResult() async throws {
        let start = ContinuousClock.now
        let r = try await Self.runner.run("/bin/sh", ["-c", "echo hi; sleep 30 & echo err >&2; exit 4"], input: nil, timeout: .seconds(20))
        #expect(r.status == 4)
        #expect(r.stdoutText == "hi\n")
        #expect(r.stderrText == "err\n")
        #expect(ContinuousClock.now - start < .seconds(3))
    }

    @Test func aNewProcessGroupIsTheChildsOwnAndTheDefaultIsHerds() async throws {
        let script = "echo $$ $(ps -o pgid= -p $$)"
        let own = try await Self.runner.stream("/bin/sh", ["-c", script], input: nil, timeout: .seconds(10), newProcessGroup: true) { _, _ in }
        let f = own.stdoutText.split(whereSeparator: \.isWhitespace)
        #expect(f.count == 2 && f[0] == f[1], "\(own.stdoutText)")
        let shared = try await Self.runner.stream("/bin/sh", ["-c", script], input: nil, timeout: .seconds(10), newProcessGroup: false) { _, _ in }
        let g = shared.stdoutText.split(whereSeparator: \.isWhitespace)
        #expect(g.count == 2 && g[1] == Substring(String(getpgrp())), "\(shared.stdoutText)")
    }

    @Test func aTimeoutSendsTermThenKillToTheWholeGroup() async throws {
        let dir = try ContractTempDir()
        defer { dir.remove() }
        let pidFile = dir.path + "/grandchild"
        // The child ignores TERM; its grandchild would outlive it unless the whole group is killed.
        let start = ContinuousClock.now
        let r = try await Self.runner.stream(
            "/bin/sh", ["-c", "trap '' TERM; sleep 30 & echo $! > '\(pidFile)'; while :; do sleep 1; done"],
            input: nil, timeout: .milliseconds(300), newProcessGroup: true) { _, _ in }
        let elapsed = ContinuousClock.now - start
        #expect(r.timedOut)
        #expect(r.status == 128 + SIGKILL)
        #expect(elapsed >= .milliseconds(1200) && elapsed < .seconds(4), "TERM at 0.3 s, KILL a second later: \(elapsed)")
        let pid = pid_t(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        #expect(pid > 0)
        var gone = false
        for _ in 0..<40 where !gone {
            gone = kill(pid, 0) != 0 || Self.isZombie(pid)
            if !gone { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(gone, "the grandchild \(pid) outlived the timeout")
    }

    @Test func aTimeoutEndsAChildThatHonoursTerm() async throws {
        let start = ContinuousClock.now
        let r = try await Self.runner.run("/bin/sleep", ["30"], input: nil, timeout: .milliseconds(200))
        #expect(r.timedOut)
        #expect(r.status == 128 + SIGTERM)
        #expect(ContinuousClock.now - start < .seconds(2))
    }

    @Test func cancellingTheCallerTerminatesTheChild() async throws {
        let start = ContinuousClock.now
        let task = Task { try await Self.runner.run("/bin/sleep", ["30"], input: nil, timeout: nil) }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        let r = try await task.value
        #expect(r.status == 128 + SIGTERM)
        #expect(ContinuousClock.now - start < .seconds(3))
    }

    @Test func outputIsBoundedWhileStreamedOutputIsWhole() async throws {
        let streamed = ContractCounter()
        let r = try await Self.runner.stream(
            "/bin/sh", ["-c", "head -c 5000000 /dev/zero; head -c 300000 /dev/zero >&2"], input: nil, timeout: .seconds(20), newProcessGroup: false,
            options: StreamOptions(captureLimit: 1000)) { _, d in streamed.add(d.count) }
        #expect(r.status == 0)
        #expect(r.stdout.count == 1000 && r.stdoutDropped == 4_999_000)
        #expect(r.stderr.count == 1000 && r.stderrDropped == 299_000)
        #expect(streamed.value == 5_300_000)
    }

    @Test func largeInputAndOutputFlowAtOnceWithoutDeadlock() async throws {
        let input = Data((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let r = try await Self.runner.run("/bin/cat", [], input: input, timeout: .seconds(20))
        #expect(r.status == 0)
        #expect(r.stdout == input)
    }

    @Test func aHeldStdinStaysOpenUntilTheChildExits() async throws {
        // `head -n 1` ends after the first line although stdin is held: the caller does not wait for an EOF.
        let r = try await Self.runner.stream(
            "/bin/sh", ["-c", "read -r l; echo got $l"], input: Data("one\n".utf8), timeout: .seconds(10), newProcessGroup: false,
            options: StreamOptions(holdStdin: true)) { _, _ in }
        #expect(r.stdoutText == "got one\n")
        // Without input the child sees no EOF at all: only the timeout ends it.
        let held = try await Self.runner.stream(
            "/bin/sh", ["-c", "cat >/dev/null; echo eof"], input: nil, timeout: .milliseconds(300), newProcessGroup: false,
            options: StreamOptions(holdStdin: true)) { _, _ in }
        #expect(held.timedOut && held.stdoutText.isEmpty)
    }

    @Test func aSignalledChildReportsOneHundredTwentyEightPlusTheSignal() async throws {
        let r = try await Self.runner.run("/bin/sh", ["-c", "kill -KILL $$"], input: nil, timeout: .seconds(10))
        #expect(r.status == 128 + SIGKILL)
        #expect(!r.timedOut)
    }

    @Test func manyConcurrentChildrenEachGetTheirOwnResult() async throws {
        try await withThrowingTaskGroup(of: (Int, CommandResult).self) { group in
            for i in 0..<64 {
                group.addTask { (i, try await Self.runner.run("/bin/sh", ["-c", "echo \(i); exit \(i % 7)"], input: nil, timeout: .seconds(20))) }
            }
            for try await (i, r) in group {
                #expect(r.stdoutText == "\(i)\n")
                #expect(r.status == Int32(i % 7))
            }
        }
    }

    static func isZombie(_ pid: pid_t) -> Bool {
        guard let s = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = s.lastIndex(of: ")") else { return true }
        return s[s.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }
}

/// A thread-safe byte counter for streamed output.
final class ContractCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add(_ k: Int) { lock.lock(); n += k; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return n }
}

/// A temporary directory for one test.
struct ContractTempDir {
    let path: String
    init() throws {
        path = NSTemporaryDirectory() + "herd-contract-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
