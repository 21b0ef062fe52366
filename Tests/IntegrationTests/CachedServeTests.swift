import Foundation
import HerdRemote
import HerdTestSupport
import Testing

/// The clients against the real `herd serve` (not a stand-in) over test-bed hosts: `--cached` reads say they came
/// from the daemon's cache (`herd context` and `herd mcp serve --cached` too), `herd daemon` commands reach it, the dashboard draws the daemon's snapshots with no ssh
/// of its own; killed -9, every client falls back live and says why; restarted on the same home (stale socket), the
/// cache serves again.
@Suite(.serialized, .timeLimit(.minutes(4))) struct CachedServeTests {
    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func cachedReadsDaemonCommandsAndTheDashboardThroughARealServe() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let term = JobAttachTests.Terminal()
        try await withTestBed(2, prefix: "cs") { bed in
            let herd = try await ServeAPITests.herd(for: bed, home: dir)
            var serve = try ServeProcess(herd, ["--no-tcp", "--interval", "1"], log: dir.file("serve.log"))
            #expect(try await serve.ready(listeners: 1), "\(serve.stderr)")
            #expect(try await ServeProcess.eventually(.seconds(20)) {
                let hosts = (try? await serve.get("/v1/snapshot")["hosts"] as? [[String: Any]]) ?? []
                return hosts.count == 2 && hosts.allSatisfy { $0["status"] as? String == "complete" }
            }, "the daemon never saw both hosts complete")

            // --cached reads: from the cache, with its age; the same hosts as the daemon's snapshot.
            for args in [["ls", "--cached", "--json"], ["status", "--cached", "--json"], ["snapshot", "--cached"]] {
                let r = try await herd.run(args)
                let doc = try Self.object(r.stdoutText)
                #expect(r.status == 0 && doc["source"] as? String == "daemon-cache", "\(args): \(r.stdoutText) \(r.stderrText)")
                #expect(doc["source_reason"] == nil)
            }
            let ls = try Self.object(try await herd.run(["ls", "--cached", "--json"]).stdoutText)
            let names = ((ls["hosts"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }.sorted()
            #expect(names == ["cs01", "cs02"], "\(ls)")
            #expect((ls["age_seconds"] as? Double ?? 99) < 5)
            let place = try await herd.run(["place", "--cached", "--json", "--ram", "1G"])
            let placed = try Self.object(place.stdoutText)
            #expect(place.status == 0 && placed["source"] as? String == "daemon-cache", "\(place.stdoutText) \(place.stderrText)")
            #expect(["cs01", "cs02"].contains(placed["chosen"] as? String ?? ""), "\(placed)")
            let table = try await herd.run(["ls", "--cached"])
            #expect(table.stderrText.hasPrefix("herd: from the daemon's cache, "), "\(table.stderrText)")

            // The agent surfaces: herd context and the MCP server's context tool read the cache too.
            let context = try Self.object(try await herd.run(["context", "--cached", "--json", "light"]).stdoutText)
            #expect(context["source"] as? String == "daemon-cache" && context["source_reason"] == nil, "\(context)")
            #expect((context["text"] as? String ?? "").contains("\nSource: daemon-cache, "), "\(context)")
            let mcp = try await MCPClientScript.run(herd, serveArgs: ["--cached"], calls: [("context", ["query": "light"]), ("snapshot", nil)])
            #expect(mcp.calls.allSatisfy { !$0.isError }, "\(mcp.calls.map(\.text))")
            #expect(mcp.calls.first?.text.contains("\nSource: daemon-cache, ") == true, "\(mcp.calls.first?.text ?? "")")
            #expect((mcp.calls.last?.json["hosts"] as? [Any])?.count == 2)

            // herd daemon: status names the real pid; refresh and invalidate are answered.
            let status = try await herd.run(["daemon", "status"])
            #expect(status.status == 0 && status.stdoutText.hasPrefix("pid \(serve.pid), up "), "\(status.stdoutText)")
            #expect(status.stdoutText.contains("hosts 2 (2 up)"), "\(status.stdoutText)")
            #expect(try await herd.run(["daemon", "refresh"]).stdoutText == "refreshed\n")
            #expect(try await herd.run(["daemon", "invalidate"]).stdoutText == "cache invalidated\n")

            // The dashboard takes the daemon's snapshots and starts no ssh of its own.
            let env = "env HERD_HOME='\(herd.home)' HERD_SSH_CONFIG='\(bed.sshConfig)' TERM=xterm-256color HERD_TEST_CLIENT=dashboard"
            _ = try await term.tmux(["new-session", "-d", "-s", "t", "-x", "140", "-y", "36", "\(env) '\(HerdBinary.path)' top --interval 1; sleep 60"])
            _ = try await term.waitFor("snapshots from the daemon (pid \(serve.pid))", in: "t", limit: .seconds(20))
            _ = try await term.waitFor("2 up", in: "t", limit: .seconds(20))
            try await Task.sleep(for: .seconds(2))
            #expect(DashboardDaemonTests.sshProcesses(home: herd.home, marker: "HERD_TEST_CLIENT=dashboard") == 0, "the dashboard opened ssh sessions of its own")

            // Killed -9: the dashboard says so and probes itself; --cached falls back live, with the reason.
            serve.signal(SIGKILL)
            _ = try await serve.exit()
            let gone = try await term.waitFor("daemon gone", in: "t", limit: .seconds(10))
            #expect(gone.contains("no daemon"))
            #expect(try await ServeProcess.eventually(.seconds(15)) {
                DashboardDaemonTests.sshProcesses(home: herd.home, marker: "HERD_TEST_CLIENT=dashboard") > 0
            }, "the dashboard never opened sessions of its own after the daemon went")
            let fallback = try await herd.run(["ls", "--cached", "--json"])
            let doc = try Self.object(fallback.stdoutText)
            #expect(fallback.status == 0 && doc["source"] as? String == "live-fallback", "\(fallback.stdoutText)")
            #expect((doc["source_reason"] as? String ?? "").hasPrefix("no daemon"), "\(doc["source_reason"] ?? "none")")
            #expect(((doc["hosts"] as? [[String: Any]]) ?? []).count == 2)
            let liveContext = try Self.object(try await herd.run(["context", "--cached", "--json"]).stdoutText)
            #expect(liveContext["source"] as? String == "live-fallback", "\(liveContext)")
            #expect((liveContext["source_reason"] as? String ?? "").hasPrefix("no daemon"), "\(liveContext)")
            #expect((liveContext["text"] as? String ?? "").contains("(no daemon cache: no daemon"), "\(liveContext)")
            let noDaemon = try await herd.run(["daemon", "status"])
            #expect(noDaemon.status == 1 && noDaemon.stdoutText == "no daemon running\n")
            _ = try await term.tmux(["send-keys", "-t", "t", "q"])

            // Restarted on the same home: the stale socket is replaced and the cache serves again.
            serve = try ServeProcess(herd, ["--no-tcp", "--interval", "1"], log: dir.file("serve2.log"))
            #expect(try await serve.ready(listeners: 1), "\(serve.stderr)")
            #expect(try await ServeProcess.eventually(.seconds(20)) {
                let r = try? await herd.run(["ls", "--cached", "--json"])
                return (try? Self.object(r?.stdoutText ?? ""))?["source"] as? String == "daemon-cache"
            }, "the restarted daemon's cache was never used")
            let stop = try await herd.run(["daemon", "stop"])
            #expect(stop.status == 0 && stop.stdoutText == "stopped\n")
            #expect(try await serve.exit() == 0)
        }
        await term.kill()
    }
}
