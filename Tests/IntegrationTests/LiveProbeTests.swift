import Foundation
import HerdTestSupport
import Testing

/// `herd ls`, `status`, `refresh`, `snapshot` against real sshd hosts, as a user runs them.
@Suite(.timeLimit(.minutes(3))) struct LiveProbeTests {
    /// A herd with the bed's hosts in its roster (alias targets) and the bed's ssh_config.
    static func herd(for bed: TestBed, home: TempDir) async throws -> HerdBinary {
        let herd = HerdBinary(home: home.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
        for h in bed.hosts {
            let r = try await herd.run(["host", "add", h.name, h.name])
            #expect(r.status == 0, "\(r.stderrText)")
        }
        return herd
    }

    /// `herd ls --json` rows as dictionaries.
    static func rows(_ herd: HerdBinary, _ extra: [String] = []) async throws -> [[String: Any]] {
        let r = try await herd.run(["ls", "--json"] + extra)
        let rows = (try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])?["hosts"] as? [[String: Any]]
        return try #require(rows, "ls --json printed: \(r.stdoutText) \(r.stderrText)")
    }

    @Test func lsShowsLiveUsageForEveryHost() async throws {
        let home = try TempDir()
        defer { home.remove() }
        try await withTestBed(3, prefix: "la") { bed in
            let herd = try await Self.herd(for: bed, home: home)
            let rows = try await Self.rows(herd)
            #expect(rows.count == 3)
            for row in rows {
                #expect(row["status"] as? String == "complete", "\(row)")
                let usage = try #require(row["usage"] as? [String: Any])
                #expect((usage["ram_total"] as? Int ?? 0) > 0)
                #expect((usage["disk_total"] as? Int ?? 0) > 0)
                #expect((usage["load"] as? [Double])?.count == 3)
                #expect(usage["os"] as? String == "linux")
            }
            let table = try await herd.run(["ls"])
            #expect(table.status == 0)
            let lines = table.stdoutText.split(separator: "\n")
            #expect(lines.first?.hasPrefix("NAME") == true && lines.first?.contains("LOAD") == true && lines.first?.hasSuffix("AGE") == true)
            #expect(lines.count == 4)
            // The first call left ControlMaster sockets behind: the next one reuses them.
            let sockets = try FileManager.default.contentsOfDirectory(atPath: home.file("home/ctl"))
            #expect(sockets.count == 3)
            let status = try await herd.run(["status"])
            #expect(status.status == 0)
            #expect(status.stdoutText.split(separator: "\n").dropFirst().allSatisfy { $0.contains(" up ") })
            let refresh = try await herd.run(["refresh"])
            #expect(refresh.status == 0)
            let fast = try await herd.run(["ls", "--fast", "--json"])
            let roster = (try JSONSerialization.jsonObject(with: fast.stdout) as? [String: Any])?["hosts"] as? [[String: Any]]
            #expect(roster?.allSatisfy { $0["os"] as? String == "linux" } == true)
            let snap = try await herd.run(["snapshot"])
            let doc = try JSONSerialization.jsonObject(with: snap.stdout) as? [String: Any]
            let agg = try #require(doc?["aggregates"] as? [String: Any])
            #expect(agg["up"] as? Int == 3 && agg["hosts"] as? Int == 3)
            #expect((agg["ram_total"] as? Int ?? 0) > 0)
            for h in bed.hosts {
                _ = try await HerdBinary.ssh(["-F", bed.sshConfig, "-o", "ControlPath=\(home.file("home/ctl"))/%C", "-O", "exit", h.name])
            }
        }
    }

    @Test func aFrozenHostDoesNotHoldUpLs() async throws {
        let home = try TempDir()
        defer { home.remove() }
        try await withTestBed(3, prefix: "lb") { bed in
            let herd = try await Self.herd(for: bed, home: home)
            #expect(try await herd.run(["ls"]).status == 0)
            try await bed.freeze("lb02")
            let start = ContinuousClock.now
            let r = try await herd.run(["ls", "--json", "--timeout", "2"])
            let elapsed = ContinuousClock.now - start
            #expect(elapsed < .seconds(3), "herd ls took \(elapsed)")
            let rows = try #require((try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])?["hosts"] as? [[String: Any]])
            #expect(rows.map { $0["status"] as? String } == ["complete", "unreachable", "complete"])
            #expect((rows[1]["reasons"] as? [String])?.first?.isEmpty == false)
            // Seen by the earlier call: the down host still has an age.
            #expect(rows[1]["age_seconds"] as? Double != nil)
            let status = try await herd.run(["status", "--timeout", "2"])
            #expect(status.status == 1)
            try await bed.revive("lb02")
        }
    }

    @Test func garbageEmptyAndTruncatedProbeOutputShowPartial() async throws {
        let home = try TempDir()
        defer { home.remove() }
        let shells = [
            ("garbage", "#!/bin/sh\nprintf 'Welcome!\\n\\001\\377 not a probe\\n'\n"),
            ("empty", "#!/bin/sh\nexit 0\n"),
            ("truncated", "#!/bin/sh\n/bin/sh \"$@\" | head -c 120\n"),
        ]
        for (name, body) in shells {
            let path = home.file("\(name).sh")
            try body.write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: home.path)
        try await withTestBed(4, prefix: "lc") { bed in
            let herd = try await Self.herd(for: bed, home: home)
            try await bed.shell("lc01", home.file("garbage.sh"))
            try await bed.shell("lc02", home.file("empty.sh"))
            try await bed.shell("lc03", home.file("truncated.sh"))
            let rows = try await Self.rows(herd)
            #expect(rows.map { $0["status"] as? String } == ["partial", "partial", "partial", "complete"])
            #expect((rows[0]["reasons"] as? [String]) == ["unrecognised probe output"])
            #expect((rows[1]["reasons"] as? [String]) == ["empty probe output"])
            #expect((rows[2]["reasons"] as? [String])?.contains("probe output truncated") == true)
            let table = try await herd.run(["ls"])
            #expect(table.status == 0)
            #expect(table.stderrText.contains("lc01 partial: unrecognised probe output"))
        }
    }
}
