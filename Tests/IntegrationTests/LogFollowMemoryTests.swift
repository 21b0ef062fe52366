import Foundation
import HerdRemote
import HerdTestSupport
import Testing

/// `herd logs -f` on a 30 MB log: the output is whole and herd's memory stays flat (it fetches from an offset in
/// bounded chunks, never the whole file).
@Suite(.timeLimit(.minutes(4))) struct LogFollowMemoryTests {
    /// Starts a job running `command` then `sleep 8`, follows it with `herd logs -f` into a file until `bytes` arrived,
    /// and returns herd's peak RSS (VmHWM, kB) at that point and the bytes received.
    static func peak(_ herd: HerdBinary, host: String, _ command: String, bytes: Int, dir: TempDir) async throws -> (kb: Int, got: Int) {
        let run = try await herd.run(["run", host, "-d", "-n", "--", "\(command); sleep 8"])
        #expect(run.status == 0, "\(run.stderrText)")
        let id = run.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        let out = dir.file("out-\(id)")
        let quoted = "'" + HerdBinary.path + "'"
        var env = ProcessInfo.processInfo.environment.merging(herd.environment) { _, new in new }
        env["HERD_HOME"] = herd.home
        let follow = try ChildProcess.spawn("/bin/sh", ["-c", "exec \(quoted) logs -f \(id) > '\(out)'"], environment: env, pipeStdin: false)
        defer { follow.closeOutputs() }
        let deadline = ContinuousClock.now + .seconds(90)
        var size = 0
        while ContinuousClock.now < deadline {
            size = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
            if size >= bytes { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let status = (try? String(contentsOfFile: "/proc/\(follow.pid)/status", encoding: .utf8)) ?? ""
        let hwm = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        let exit = try await OnInterruptTests.exitStatus(follow, within: .seconds(30))
        #expect(exit == 0, "herd logs -f exited \(String(describing: exit))")
        return (hwm, size)
    }

    @Test func followingThirtyMegabytesKeepsMemoryFlat() async throws {
        let home = try TempDir()
        defer { home.remove() }
        try await withTestBed(1, prefix: "pd") { bed in
            let herd = try await OnCommandTests.herd(for: bed, home: home)
            let host = bed.hosts[0].name
            let small = try await Self.peak(herd, host: host, "echo hi", bytes: 3, dir: home)
            let large = try await Self.peak(herd, host: host, "yes 'a line of a large log, 0123456789' | head -c 30000000", bytes: 30_000_000, dir: home)
            #expect(small.got == 3 && large.got == 30_000_000)
            #expect(small.kb > 0 && large.kb > 0)
            // Bound: 16 MB over the peak of following a 3-byte log (holding the log would add 30 MB or more).
            #expect(large.kb - small.kb < 16 * 1024, "peak RSS \(small.kb) kB for 3 bytes, \(large.kb) kB for 30 MB")
            print("herd logs -f peak RSS: \(small.kb) kB (3-byte log), \(large.kb) kB (30 MB log)")
        }
    }
}
