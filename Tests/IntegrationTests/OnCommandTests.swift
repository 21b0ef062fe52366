import Foundation
import HerdRemote
import HerdTestSupport
import Testing

/// `herd on` against real sshd hosts.
@Suite(.timeLimit(.minutes(3))) struct OnCommandTests {
    static func herd(for bed: TestBed, home: TempDir, dedicated: Set<String> = []) async throws -> HerdBinary {
        let herd = HerdBinary(home: home.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
        for h in bed.hosts {
            let r = try await herd.run(["host", "add", h.name, h.name] + (dedicated.contains(h.name) ? ["--dedicated"] : []))
            #expect(r.status == 0, "\(r.stderrText)")
        }
        return herd
    }

    static func json(_ r: CommandResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any], "\(r.stdoutText) \(r.stderrText)")
    }

    @Test func quotingTortureRoundTripsExactly() async throws {
        let home = try TempDir()
        defer { home.remove() }
        try await withTestBed(2, prefix: "oa") { bed in
            let herd = try await Self.herd(for: bed, home: home)
            let plain = try await herd.run(["on", "oa01", "--", "printf", "%s\\n", "a b", "$HOME", ";"])
            #expect(plain.status == 0, "\(plain.stderrText)")
            #expect(plain.stdoutText == "oa01: a b\noa01: $HOME\noa01: ;\n")
            let words = ["it's", "\"double\"", "back\\slash", "$(id) `id` $USER", "a;b|c&d", "new\nline", "ünïcødé ✓ 漢字", "*", "", "  spaced  "]
            let r = try await herd.run(["on", "oa01,oa02", "--json", "--", "printf", "<%s>\\n"] + words)
            #expect(r.status == 0)
            let results = try #require(try Self.json(r)["results"] as? [[String: Any]])
            let expected = words.map { "<\($0)>\n" }.joined()
            #expect(results.count == 2)
            for row in results { #expect(row["stdout"] as? String == expected) }
        }
    }

    @Test func frozenAndSlowHostsTimeOutAndLeaveNothingBehind() async throws {
        let home = try TempDir()
        defer { home.remove() }
        try await withTestBed(4, prefix: "ob") { bed in
            let herd = try await Self.herd(for: bed, home: home)
            // Warm the ControlMasters first, so the frozen host fails in the middle of a command, not a handshake.
            #expect(try await herd.run(["on", "all", "--", "true"]).status == 0)
            try await bed.freeze("ob04")
            let command = "echo hello; if [ \"$(whoami)\" = herd_ob02 ]; then sleep 30; fi; echo bye"
            let start = ContinuousClock.now
            let r = try await herd.run(["on", "all", "--timeout", "2", "--json", "--", command])
            let elapsed = ContinuousClock.now - start
            #expect(elapsed < .seconds(3), "herd on took \(elapsed)")
            #expect(r.status == 1)
            let doc = try Self.json(r)
            let rows = try #require(doc["results"] as? [[String: Any]])
            let byHost = Dictionary(uniqueKeysWithValues: rows.map { ($0["host"] as! String, $0) })
            for h in ["ob01", "ob03"] {
                #expect(byHost[h]?["stdout"] as? String == "hello\nbye\n")
                #expect(byHost[h]?["status"] as? Int == 0)
            }
            #expect(byHost["ob02"]?["timed_out"] as? Bool == true)
            #expect(byHost["ob02"]?["stdout"] as? String == "hello\n")
            #expect(byHost["ob04"]?["timed_out"] as? Bool == true)
            #expect(Set(doc["timed_out"] as? [String] ?? []) == ["ob02", "ob04"])
            try await Task.sleep(for: .milliseconds(1500))
            // The slow host answered late: its command must be gone, not left running. Matched by command line, so
            // a killed process the container's init has not reaped yet (a zombie: no command line) is not taken
            // for one still running.
            let left = try await HerdBinary.shell("pgrep -u herd_ob02 -a -f '^sleep 30$' || true")
            let tree = try await HerdBinary.shell("ps -eo pid,ppid,pgid,stat,user,etime,args | grep -E 'herd_ob02|defunct' || true")
            #expect(left.isEmpty, "left behind on ob02: \(left)\n\(tree)")
            try await bed.revive("ob04")
        }
    }

    @Test func groupFoldsIdenticalOutputAndAllSkipsDedicatedHosts() async throws {
        let home = try TempDir()
        defer { home.remove() }
        try await withTestBed(4, prefix: "oc") { bed in
            let herd = try await Self.herd(for: bed, home: home, dedicated: ["oc03"])
            let r = try await herd.run(["on", "all", "--group", "--", "uname"])
            #expect(r.status == 0)
            #expect(r.stdoutText == "----------------\noc[01-02,04] (3)\n----------------\nLinux\n")
            #expect(r.stderrText == "herd: 3 hosts: 3 ok\n")
            let named = try await herd.run(["on", "oc03", "--", "whoami"])
            #expect(named.stdoutText == "oc03: herd_oc03\n")
            let mixed = try await herd.run(["on", "oc[01-02]", "--", "if [ \"$(whoami)\" = herd_oc02 ]; then echo bad >&2; exit 3; fi; echo fine"])
            #expect(mixed.status == 1)
            #expect(mixed.stdoutText == "oc01: fine\n")
            #expect(mixed.stderrText == "oc02: bad\nherd: 2 hosts: 1 ok, 1 failed (oc02 exit 3)\n")
        }
    }

    @Test func aDownHostIsAFailureNotAHang() async throws {
        let home = try TempDir()
        defer { home.remove() }
        try await withTestBed(2, prefix: "od") { bed in
            let herd = try await Self.herd(for: bed, home: home)
            try await bed.kill("od02")
            let r = try await herd.run(["on", "all", "--", "echo up"])
            #expect(r.status == 1)
            #expect(r.stdoutText == "od01: up\n")
            #expect(r.stderrText.contains("od02: ssh: connect to host 127.0.0.1"))
            #expect(r.stderrText.hasSuffix("herd: 2 hosts: 1 ok, 1 failed (od02 exit 255)\n"))
        }
    }
}
