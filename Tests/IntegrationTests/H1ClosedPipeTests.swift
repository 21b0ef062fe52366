import Foundation
import HerdRemote
import HerdTestSupport
import Testing

/// herd writing into a pipe whose reader goes away (`| head -1`): it stops quietly, status 0 or 141 (as if SIGPIPE
/// had ended it, as coreutils do), with nothing on stderr: no backtrace, no trap. And `herd`/`herd top` off a
/// terminal print the `herd ls` table.
@Suite(.timeLimit(.minutes(3))) struct H1ClosedPipeTests {
    /// What one pipeline gave: herd's exit status (from bash's PIPESTATUS), its stderr and what the reader got.
    struct Piped {
        var status: Int
        var stderr: String
        var read: String
    }

    /// Runs `herd ARGS | READER` under bash with `env`, herd's stderr to a file.
    static func pipe(_ args: [String], into reader: String = "head -n 1", env: [String: String], dir: TempDir) async throws -> Piped {
        let quoted = ([HerdBinary.path] + args).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let err = dir.file("stderr-\(UUID().uuidString.prefix(6))")
        let script = "\(quoted) 2>'\(err)' | \(reader); echo \"status=${PIPESTATUS[0]}\""
        let r = try await ProcessRunner(environment: env).run("/bin/bash", ["-c", script], input: nil, timeout: .seconds(60))
        let out = r.stdoutText
        let status = out.split(separator: "\n").last { $0.hasPrefix("status=") }.flatMap { Int($0.dropFirst(7)) } ?? -1
        let read = out.split(separator: "\n").filter { !$0.hasPrefix("status=") }.joined(separator: "\n")
        return Piped(status: status, stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "?", read: read)
    }

    static func expectQuiet(_ p: Piped, _ what: String) {
        #expect(p.status == 0 || p.status == 141, "\(what): status \(p.status), stderr \(p.stderr)")
        #expect(p.stderr.isEmpty, "\(what) wrote to stderr: \(p.stderr.prefix(500))")
        #expect(!p.read.isEmpty, "\(what): the reader got nothing")
    }

    @Test func bigRosterIntoHead() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let hosts = (1...3000).map { String(format: #"{"name": "n%04d", "ssh": "u@h%04d", "description": "host number %d"}"#, $0, $0, $0) }
        try #"{"hosts": [\#(hosts.joined(separator: ",\n"))]}"#.write(toFile: dir.file("hosts.json"), atomically: true, encoding: .utf8)
        let env = ["HERD_HOME": dir.path, "PATH": "/usr/bin:/bin"]
        for args in [["ls", "--fast"], ["ls", "--fast", "--json"], ["ls", "--fast", "--yaml"]] {
            let p = try await Self.pipe(args, env: env, dir: dir)
            Self.expectQuiet(p, args.joined(separator: " "))
            if args.count == 2 { #expect(p.read.hasPrefix("NAME"), "\(p.read)") }
        }
    }

    @Test func notATerminalPrintsTheLsTable() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try #"{"hosts": [{"name": "a1", "ssh": "u@a1"}, {"name": "a2", "ssh": "u@a2"}]}"#.write(toFile: dir.file("hosts.json"), atomically: true, encoding: .utf8)
        let env = ["HERD_HOME": dir.path, "PATH": "/usr/bin:/bin"]
        let cat = try await Self.pipe([], into: "cat", env: env, dir: dir)
        #expect(cat.status == 0 && cat.stderr.isEmpty, "\(cat.stderr)")
        #expect(cat.read.hasPrefix("NAME") && cat.read.contains("a1") && cat.read.contains("a2"), "\(cat.read)")
        let file = dir.file("top.out")
        let r = try await ProcessRunner(environment: env).run("/bin/sh", ["-c", "'\(HerdBinary.path)' top > '\(file)' < /dev/null"], input: nil, timeout: .seconds(30))
        // `herd top` falls back to the live `herd ls`: the hosts (unresolvable here) are reported, nothing else.
        #expect(r.status == 0 && r.stderrText.split(separator: "\n").allSatisfy { $0.hasPrefix("herd: a") }, "\(r.stderrText)")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.hasPrefix("NAME") && text.contains("a2"), "\(text)")
    }

    @Test func onAndLogsFollowIntoHead() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try await withTestBed(2, prefix: "h1c") { bed in
            let herd = try await JobLifecycleTests.herd(for: bed, home: dir)
            let env = ["HERD_HOME": herd.home, "HERD_SSH_CONFIG": bed.sshConfig, "PATH": "/usr/bin:/bin"]
            for extra in [[], ["--group"], ["--json"]] {
                for target in ["h1c01", "h1c01,h1c02"] {
                    let args = ["on", target] + extra + ["--", "seq", "1", "100000"]
                    Self.expectQuiet(try await Self.pipe(args, env: env, dir: dir), args.joined(separator: " "))
                }
            }
            let job = try await herd.run(["run", "h1c01", "-d", "-n", "--", "seq 1 300000; sleep 30"], cwd: dir.path)
            #expect(job.status == 0, "\(job.stderrText)")
            let id = job.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
            let start = ContinuousClock.now
            let logs = try await Self.pipe(["logs", id, "-f"], env: env, dir: dir)
            Self.expectQuiet(logs, "logs -f")
            #expect(logs.read == "1")
            #expect(ContinuousClock.now - start < .seconds(20), "herd logs -f ended with its reader, not with the job")
            _ = try await herd.run(["rm", "--force", id], cwd: dir.path)
        }
    }
}
