import Foundation
import HerdRemote
import HerdTestSupport
import Testing

/// Hosts that report absurd figures through their real tools: a login shell puts fake `nvidia-smi`, `df` and `nproc`
/// first on PATH and points the agent's reads of /proc/meminfo and /proc/loadavg at crafted files. Every command
/// exits normally, the hostile hosts are `partial` with reasons naming the fields, the honest host is complete.
@Suite(.timeLimit(.minutes(3))) struct H1HostileHostTests {
    /// Figures of one hostile host.
    struct Lies {
        var meminfo, loadavg, nproc, df, gpu: String
    }

    static let lies = [
        Lies(meminfo: "MemTotal: 18446744073709551615 kB\nMemAvailable: 18446744073709551615 kB", loadavg: "nan inf 1e300 1/1 1",
             nproc: "1000000000000", df: "/dev/evil 1152921504606846976 1152921504606846976 1 100% /",
             gpu: "0, Evil, nan, 17592186044416, 17592186044416"),
        Lies(meminfo: "MemTotal: -1 kB\nMemFree: 99999999999999999999999 kB", loadavg: "-1 -1 -1 1/1 1",
             nproc: "-4", df: "/dev/evil -1 18446744073709551615 nan 100% /", gpu: "99999999999999999999, Evil, 101, -1, inf"),
    ]

    /// Writes the fake tools and files for `lies` into `dir` and returns the login shell that uses them.
    static func fake(_ lies: Lies, in dir: String) throws -> String {
        let bin = "\(dir)/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        let files = [
            "meminfo": lies.meminfo + "\n", "loadavg": lies.loadavg + "\n",
            "bin/nproc": "#!/bin/sh\necho '\(lies.nproc)'\n",
            "bin/df": "#!/bin/sh\necho 'Filesystem 1024-blocks Used Available Capacity Mounted on'\necho '\(lies.df)'\n",
            "bin/nvidia-smi": "#!/bin/sh\necho '\(lies.gpu)'\n",
            "shell": """
                #!/bin/sh
                PATH=\(bin):$PATH
                export PATH
                if [ "$1" = -c ]; then
                  herd_cmd=$(printf '%s' "$2" | sed -e 's#/proc/meminfo#\(dir)/meminfo#g' -e 's#/proc/loadavg#\(dir)/loadavg#g')
                  exec /bin/sh -c "$herd_cmd"
                fi
                exec /bin/sh "$@"

                """,
        ]
        for (name, body) in files {
            try body.write(toFile: "\(dir)/\(name)", atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: "\(dir)/\(name)")
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin)
        return "\(dir)/shell"
    }

    /// No trap: the process exited by itself (not by a signal), printed no Swift runtime error.
    static func expectNoTrap(_ r: CommandResult, _ what: String) {
        #expect(r.status >= 0 && r.status < 128, "\(what) exited \(r.status): \(r.stderrText)")
        #expect(!r.stderrText.contains("Fatal error") && !r.stderrText.contains("Illegal instruction"), "\(what): \(r.stderrText)")
    }

    @Test func absurdFiguresMakeTheHostPartialAndCrashNothing() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path)
        try await withTestBed(3, prefix: "h1a") { bed in
            for (i, lies) in Self.lies.enumerated() {
                try await bed.shell("h1a0\(i + 1)", try Self.fake(lies, in: dir.file("fake\(i + 1)")))
            }
            let herd = HerdBinary(home: dir.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
            for h in bed.hosts { #expect(try await herd.run(["host", "add", h.name, h.name]).status == 0) }

            let ls = try await herd.run(["ls", "--json"])
            Self.expectNoTrap(ls, "ls --json")
            let rows = try #require((try JSONSerialization.jsonObject(with: ls.stdout) as? [String: Any])?["hosts"] as? [[String: Any]], "\(ls.stdoutText)")
            #expect(rows.map { $0["status"] as? String } == ["partial", "partial", "complete"])
            let reasons = rows.map { Set(($0["reasons"] as? [String]) ?? []) }
            #expect(reasons[0] == [
                "nproc: out of range", "loadavg: out of range", "meminfo: MemTotal out of range", "meminfo: MemAvailable out of range",
                "df: /: size, used out of range", "nvidia-smi: GPU 0 utilization out of range", "nvidia-smi: GPU 0 memory.used out of range",
                "nvidia-smi: GPU 0 memory.total out of range",
            ], "\(reasons[0])")
            #expect(reasons[1] == [
                "nproc: out of range", "loadavg: out of range", "meminfo: MemTotal out of range", "meminfo: MemFree out of range",
                "df: /: size, used, available out of range", "nvidia-smi: unexpected line",
            ], "\(reasons[1])")
            let hostile = try #require(rows[0]["usage"] as? [String: Any])
            #expect(hostile["ram_total"] == nil && hostile["disk_total"] == nil && hostile["cpus"] == nil && hostile["load"] == nil)
            #expect((hostile["gpus"] as? [[String: Any]])?.first?["mem_total"] == nil)
            let honest = try #require(rows[2]["usage"] as? [String: Any])
            #expect((honest["ram_total"] as? Int ?? 0) > 0 && (honest["disk_total"] as? Int ?? 0) > 0)

            let table = try await herd.run(["ls"])
            Self.expectNoTrap(table, "ls")
            #expect(table.status == 0 && table.stdoutText.contains("(partial)"))
            let status = try await herd.run(["status"])
            Self.expectNoTrap(status, "status")
            #expect(status.status == 0 && status.stdoutText.contains("MemTotal out of range"))
            let snapshot = try await herd.run(["snapshot"])
            Self.expectNoTrap(snapshot, "snapshot")
            #expect(snapshot.status == 0 && (try? JSONSerialization.jsonObject(with: snapshot.stdout)) != nil)
            let place = try await herd.run(["place", "--ram", "1G", "--json"])
            Self.expectNoTrap(place, "place")
            let doc = try #require(try JSONSerialization.jsonObject(with: place.stdout) as? [String: Any], "\(place.stdoutText)")
            let candidates = try #require(doc["hosts"] as? [[String: Any]])
            #expect(candidates.filter { $0["host"] as? String != "h1a03" }.allSatisfy { $0["fits"] as? Bool == false })
            let refresh = try await herd.run(["refresh"])
            Self.expectNoTrap(refresh, "refresh")
            #expect(refresh.status == 0)
            let refused = try await herd.run(["reserve", "h1a01", "--ram", "1G"])
            Self.expectNoTrap(refused, "reserve h1a01")
            #expect(refused.status == 1 && refused.stderrText.contains("h1a01"), "\(refused.stderrText)")
            let reserved = try await herd.run(["reserve", "h1a03", "--ram", "1M"])
            Self.expectNoTrap(reserved, "reserve h1a03")
            #expect(reserved.status == 0, "\(reserved.stderrText)")

            // The dashboard, in a real terminal: it draws every host and keeps running.
            let term = JobAttachTests.Terminal()
            let env = "env HERD_HOME='\(herd.home)' HERD_SSH_CONFIG='\(bed.sshConfig)' TERM=xterm-256color"
            _ = try await term.tmux(["new-session", "-d", "-s", "t", "-x", "140", "-y", "30", "\(env) '\(HerdBinary.path)' top --interval 1; echo top-exit=$?; sleep 60"])
            let screen = try await term.waitFor("3 up", in: "t")
            #expect(screen.contains("h1a01") && screen.contains("h1a02") && screen.contains("h1a03"))
            _ = try await term.waitFor("3 up", in: "t")
            _ = try await term.tmux(["send-keys", "-t", "t", "q"])
            _ = try await term.waitFor("top-exit=0", in: "t")
            await term.kill()
        }
    }
}
