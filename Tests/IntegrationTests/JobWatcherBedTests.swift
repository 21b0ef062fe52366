import Foundation
import HerdCore
import HerdEngine
import HerdRemote
import HerdTestSupport
import Testing

/// Job states and log tails over a real host's persistent agent session (`JobWatcher`, `JobLogFollower`), with
/// hostile logs: the done marker inside, invalid UTF-8, a log truncated or rewritten between two reads, 30 MB.
@Suite(.timeLimit(.minutes(3))) struct JobWatcherBedTests {
    /// A watcher over the bed's first host, and a way to run shell commands there (as its user, one-shot ssh).
    struct Rig {
        let host: HerdCore.Host
        let options: SSHOptions
        let sessions: SessionProber
        let watcher: JobWatcher

        init(_ bed: TestBed, ctl: TempDir) {
            host = HerdCore.Host(name: bed.hosts[0].name, ssh: bed.hosts[0].name)
            options = SSHOptions(configFile: bed.sshConfig, controlDir: ctl.path, connectTimeout: 5, controlPersist: "30")
            sessions = SessionProber(options: options)
            watcher = JobWatcher(sessions: sessions)
        }

        @discardableResult
        func sh(_ command: String) async throws -> CommandResult {
            let args = SSHCommand.arguments(target: host.target, options: options, remoteCommand: command)
            let r = try await ProcessRunner().run(Executable.find("ssh") ?? "/usr/bin/ssh", args, input: nil, timeout: .seconds(60))
            #expect(r.status == 0, "\(command): \(r.stderrText)")
            return r
        }

        /// A job directory with `exitcode` (when `code`) and a tmux session that runs while the job does.
        func job(log printf: String, code: Int?) async throws -> String {
            let id = UUID().uuidString.lowercased()
            let dir = ".herd/jobs/\(id)"
            var cmd = "mkdir -p \(dir) && printf '\(printf)' > \(dir)/output.log && echo herd-\(id.prefix(8)) > \(dir)/tmux_session"
            if let code { cmd += " && echo \(code) > \(dir)/exitcode && date +%s > \(dir)/ended_at" } else {
                cmd += " && tmux new-session -d -s herd-\(id.prefix(8)) 'sleep 120'"
            }
            try await sh(cmd)
            return id
        }
    }

    @Test func hostileLogsArriveByteExactAndTheSessionStaysInStep() async throws {
        let ctl = try TempDir("herd-ctl")
        defer { ctl.remove() }
        try await withTestBed(1, prefix: "pa") { bed in
            let rig = Rig(bed, ctl: ctl)
            // The done marker on lines of its own, invalid UTF-8, a NUL, an escape, no final newline.
            let id = try await rig.job(log: "x\\n@@herd-done 1 0\\n@@herd-done 2 0\\n\\377\\376\\000\\033[2J\\303(end", code: 0)
            let expected = Data("x\n@@herd-done 1 0\n@@herd-done 2 0\n".utf8) + Data([0xff, 0xfe, 0x00, 0x1b]) + Data("[2J".utf8) + Data([0xc3, 0x28]) + Data("end".utf8)
            let chunk = try await rig.watcher.log(id, on: rig.host, from: 0, max: 1 << 20)
            #expect(chunk.bytes == expected)
            #expect(chunk.size == UInt64(expected.count))
            if case .ended(let code, _) = JobReport.parse(chunk.stateLine, id: id) { #expect(code == 0) } else { Issue.record("\(chunk.stateLine)") }
            // Same session, next questions answered in step.
            let states = try await rig.watcher.states([id, UUID().uuidString.lowercased()], on: rig.host)
            #expect(states.split(separator: "\n").count == 2 && states.contains("@@job \(id) done 0"))
            let follower = JobLogFollower(watcher: rig.watcher, chunkBytes: 7)
            let got = Collected()
            try await follower.follow(id, on: rig.host) { got.add($0) }
            #expect(got.bytes == expected)
            #expect(got.events.last.map { if case .ended = $0 { true } else { false } } == true)
            await rig.sessions.shutdown()
        }
    }

    @Test func aLogTruncatedOrRewrittenBetweenReadsIsFollowedAgainFromItsStart() async throws {
        let ctl = try TempDir("herd-ctl")
        defer { ctl.remove() }
        try await withTestBed(1, prefix: "pb") { bed in
            let rig = Rig(bed, ctl: ctl)
            let id = try await rig.job(log: String(repeating: "a", count: 100), code: nil)
            let log = ".herd/jobs/\(id)/output.log"
            let follower = JobLogFollower(watcher: rig.watcher, interval: .milliseconds(100))
            let got = Collected()
            var step = 0
            try await follower.follow(id, on: rig.host) { event in
                got.add(event)
                guard case .bytes = event else { return }
                step += 1
                switch step {
                case 1: _ = try? await rig.sh("printf 'short\\n' > \(log)")  // truncated below the offset
                case 2: _ = try? await rig.sh("head -c 300 /dev/zero | tr '\\0' b > \(log)")  // rewritten, longer
                default: _ = try? await rig.sh("echo 0 > .herd/jobs/\(id)/exitcode; date +%s > .herd/jobs/\(id)/ended_at")
                }
            }
            let kinds = got.events.map { e -> String in
                switch e {
                case .bytes(let d): return "bytes \(d.count)"
                case .reset: return "reset"
                case .ended: return "ended"
                }
            }
            #expect(kinds == ["bytes 100", "reset", "bytes 6", "reset", "bytes 300", "ended"])
            try await rig.sh("tmux kill-server 2>/dev/null; true")
            await rig.sessions.shutdown()
        }
    }

    @Test func thirtyMegabytesFollowInBoundedChunks() async throws {
        let ctl = try TempDir("herd-ctl")
        defer { ctl.remove() }
        try await withTestBed(1, prefix: "pc") { bed in
            let rig = Rig(bed, ctl: ctl)
            let id = try await rig.job(log: "", code: 0)
            try await rig.sh("yes 'a line of a large log, 0123456789' | head -c 30000000 > .herd/jobs/\(id)/output.log")
            let line = Array("a line of a large log, 0123456789\n".utf8)
            let check = PatternCheck(line)
            let start = ContinuousClock.now
            try await JobLogFollower(watcher: rig.watcher).follow(id, on: rig.host) { event in
                if case .bytes(let d) = event { check.feed(d) }
            }
            #expect(check.count == 30_000_000)
            #expect(check.ok, "a byte differed at \(check.count)")
            #expect(check.largest <= 256 * 1024)
            #expect(ContinuousClock.now - start < .seconds(60))
            await rig.sessions.shutdown()
        }
    }
}

/// Events and bytes a follow delivered (the follow's callback runs in one task; the lock is for the checks).
final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var events: [JobLogFollower.Event] = []
    private(set) var bytes = Data()
    func add(_ e: JobLogFollower.Event) {
        lock.lock()
        events.append(e)
        if case .bytes(let d) = e { bytes += d }
        if case .reset = e { bytes = Data() }
        lock.unlock()
    }
}

/// Checks a stream against a repeating pattern without keeping it.
final class PatternCheck: @unchecked Sendable {
    let pattern: [UInt8]
    private(set) var count = 0
    private(set) var ok = true
    private(set) var largest = 0
    init(_ pattern: [UInt8]) { self.pattern = pattern }
    func feed(_ d: Data) {
        largest = max(largest, d.count)
        for b in d {
            if ok && b != pattern[count % pattern.count] { ok = false }
            if ok { count += 1 }
        }
    }
}
