import Foundation
import HerdRemote
import HerdTestSupport
import Testing

/// The dashboard following a 30 MB job log in a real terminal: the end of the log shows, and herd's memory stays
/// flat (only what is new is fetched, from an offset; the pane keeps a bounded tail).
@Suite(.timeLimit(.minutes(4))) struct DashboardLogMemoryTests {
    /// A `/proc/PID/status` field in kB.
    static func kb(_ pid: Int32, _ field: String) -> Int {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        return status.split(separator: "\n").first { $0.hasPrefix(field + ":") }
            .flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
    }

    @Test func followingAThirtyMegabyteLogKeepsMemoryFlat() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let term = JobAttachTests.Terminal()
        try await withTestBed(1, prefix: "pe") { bed in
            let herd = HerdBinary(home: dir.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
            #expect(try await herd.run(["host", "add", "pe01", "pe01"]).status == 0)
            let job = try await herd.run([
                "run", "pe01", "-d", "-n", "--", "yes 'a line of a large log, 0123456789' | head -c 30000000; echo THE-END-OF-IT; sleep 150",
            ])
            #expect(job.status == 0, "\(job.stderrText)")
            let id = job.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
            let env = "env HERD_HOME='\(herd.home)' HERD_SSH_CONFIG='\(bed.sshConfig)' TERM=xterm-256color"
            _ = try await term.tmux(["new-session", "-d", "-s", "t", "-x", "140", "-y", "36", "exec \(env) '\(HerdBinary.path)' top --interval 1"])
            _ = try await term.waitFor("1 up", in: "t", limit: .seconds(30))
            _ = try await term.waitFor(id, in: "t", limit: .seconds(20))
            let pidText = try await term.tmux(["display-message", "-p", "-t", "t", "#{pane_pid}"]).stdoutText
            let pid = try #require(Int32(pidText.trimmingCharacters(in: .whitespacesAndNewlines)))
            let before = Self.kb(pid, "VmHWM")
            _ = try await term.tmux(["send-keys", "-t", "t", "Tab"])
            _ = try await term.waitFor("THE-END-OF-IT", in: "t", limit: .seconds(60))
            // A few more follow rounds (1 s apart) with nothing new.
            try await Task.sleep(for: .seconds(4))
            let peak = Self.kb(pid, "VmHWM"), now = Self.kb(pid, "VmRSS")
            #expect(before > 0 && peak > 0)
            // Bound: 24 MB over the peak before the follow (re-reading the whole log, as before, took 250 MB more).
            #expect(peak - before < 24 * 1024, "peak RSS \(before) kB before the follow, \(peak) kB after (now \(now) kB)")
            print("dashboard peak RSS: \(before) kB before following the 30 MB log, \(peak) kB after, \(now) kB now")
            _ = try await term.tmux(["send-keys", "-t", "t", "q"])
            _ = try await herd.run(["stop", id])
        }
        await term.kill()
    }
}
