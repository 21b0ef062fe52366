import Foundation
import HerdRemote
import HerdTestSupport
import Testing

/// The guarded `run` tool of `herd mcp serve --allow-exec` against a real sshd host: refused without confirm,
/// outside the allow-list, with shell characters, after a learned failure (unless forced); accepted when all hold,
/// with its reservation and audit lines.
@Suite(.timeLimit(.minutes(4))) struct MCPGuardedRunTests {
    @Test func guardsHoldAndAllowedCommandsRun() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try await withTestBed(1, prefix: "mb") { bed in
            let herd = try await MCPServerTests.herd(for: bed, home: dir)
            try "# agents\nexec_allow = echo, false, uname -s\n".write(toFile: herd.home + "/config", atomically: true, encoding: .utf8)
            let host = "mb01"
            let t = try await MCPClientScript.run(herd, serveArgs: ["--allow-exec"], calls: [
                ("run", ["mode": "exec", "argv": ["echo", "hi"], "host": host]),
                ("run", ["mode": "exec", "argv": ["echo", "hi"], "host": host, "confirm": "yes"]),
                ("run", ["mode": "exec", "argv": ["rm", "-rf", "/tmp/x"], "host": host, "confirm": "YES"]),
                ("run", ["mode": "script", "script": "echo a; rm -rf /tmp/x", "host": host, "confirm": "YES"]),
                ("run", ["mode": "shell", "argv": ["echo"], "confirm": "YES"]),
                ("run", ["mode": "exec", "argv": ["false"], "host": host, "confirm": "YES", "wait_seconds": 60]),
                ("run", ["mode": "exec", "argv": ["false"], "host": host, "confirm": "YES"]),
                ("run", ["mode": "exec", "argv": ["false"], "host": host, "confirm": "YES", "force": true, "wait_seconds": 60]),
                ("run", ["mode": "exec", "argv": ["echo", "hello-mcp"], "host": host, "confirm": "YES", "wait_seconds": 60, "ram": "1M"]),
                ("run", ["mode": "script", "script": "echo one\nuname -s\n", "confirm": "YES", "wait_seconds": 60]),
            ])
            #expect(t.toolNames.contains("run"))
            let c = t.calls
            #expect(c[0].isError && c[0].text.contains("confirm must be \"YES\""))
            #expect(c[1].isError && c[1].text.contains("confirm must be \"YES\""))
            #expect(c[2].isError && c[2].text.contains("'rm -rf /tmp/x' is not in the allow-list"), "\(c[2].text)")
            #expect(c[3].isError && c[3].text.contains("has ';'"))
            #expect(c[4].isError && c[4].text == "run: 'mode' must be \"exec\" or \"script\"")
            // The first `false` runs, fails, and is learned-bad.
            #expect(!c[5].isError, "\(c[5].text)")
            let failed = c[5].json
            #expect((failed["job"] as? [String: Any])?["exit_code"] as? Int == 1)
            #expect(failed["ended"] as? Bool == true)
            #expect(failed["learned_bad"] as? Bool == true)
            #expect(c[6].isError)
            #expect(c[6].text.contains("failed on mb01 before") && c[6].text.contains("force: true"), "\(c[6].text)")
            #expect(!c[7].isError, "forced: runs again")
            let forced = c[7].json["job"] as? [String: Any]
            #expect(forced?["status"] as? String == "failed")
            // Allowed, confirmed, with a reservation: runs, and its output comes back.
            #expect(!c[8].isError, "\(c[8].text)")
            let ok = c[8].json
            #expect((ok["job"] as? [String: Any])?["status"] as? String == "done")
            #expect((ok["output_tail"] as? String)?.contains("hello-mcp") == true)
            #expect((ok["reservation"] as? [String: Any])?["ram"] as? Int == 1 << 20)
            // A script of allowed lines, placed (no host named).
            #expect(!c[9].isError, "\(c[9].text)")
            #expect((c[9].json["output_tail"] as? String) == "one\nLinux\n")
            #expect((c[9].json["placed_by"] as? [String])?.isEmpty == false)
            // The audit log: a start and an end per run.
            let audit = try String(contentsOfFile: herd.home + "/audit.log", encoding: .utf8)
            let lines = audit.split(separator: "\n").filter { $0.contains(" mcp-run:") }
            #expect(lines.filter { $0.hasSuffix(" started client=mcp") }.count == 4, "\(audit)")
            #expect(lines.filter { $0.hasSuffix(" exit_1 client=mcp") }.count == 2)
            #expect(lines.filter { $0.hasSuffix(" exit_0 client=mcp") }.count == 2)
            #expect(lines.allSatisfy { $0.split(separator: " ")[1] == "mb01" })
            // The reservation went with the job's end.
            let left = try await herd.run(["reservations", "--json"])
            #expect(!left.stdoutText.contains("mcp job"))
        }
    }

    /// A config file herd cannot parse: the run tool says which file and line, and nothing runs.
    @Test func badConfigNamesFileAndLine() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try await withTestBed(1, prefix: "md") { bed in
            let herd = try await MCPServerTests.herd(for: bed, home: dir)
            try "exec_allow = echo\nthis is not a setting\n".write(toFile: herd.home + "/config", atomically: true, encoding: .utf8)
            let t = try await MCPClientScript.run(herd, serveArgs: ["--allow-exec"], calls: [
                ("run", ["mode": "exec", "argv": ["echo", "x"], "host": "md01", "confirm": "YES"]),
            ])
            #expect(t.calls.first?.isError == true)
            #expect(t.calls.first?.text == "\(herd.home)/config:2: expected 'key = value'")
            #expect(!FileManager.default.fileExists(atPath: herd.home + "/audit.log"))
        }
    }
}
