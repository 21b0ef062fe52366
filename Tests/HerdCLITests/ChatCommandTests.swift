import Foundation
import HerdTestSupport
import Testing

/// `herd chat` against a small local HTTP server speaking Ollama's streaming chat format (NDJSON lines with
/// `message.content` and `done`; a stand-in for the model server only), and the fallback when nothing answers.
@Suite(.timeLimit(.minutes(2))) struct ChatCommandTests {
    /// The model server double: answers POST /api/chat with the answer in pieces, one flushed line each; model
    /// `missing` gets Ollama's 404. Each request body is saved to `request.json` beside the port file.
    static let server = #"""
    import json, sys, time
    from http.server import BaseHTTPRequestHandler, HTTPServer
    out = sys.argv[1]
    class H(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"
        def log_message(self, *a): pass
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            open(out + "/request.json", "wb").write(body)
            req = json.loads(body)
            if req.get("model") == "missing":
                self.send_response(404); self.send_header("Content-Type", "application/json"); self.end_headers()
                self.wfile.write(b'{"error":"model \'missing\' not found, try pulling it first"}'); return
            self.send_response(200); self.send_header("Content-Type", "application/x-ndjson"); self.end_headers()
            for piece in ["Run it ", "on ", "local", ".\u001b[2J"]:
                self.wfile.write((json.dumps({"model": req["model"], "message": {"role": "assistant", "content": piece}, "done": False}) + "\n").encode())
                self.wfile.flush(); time.sleep(0.05)
            self.wfile.write(b'{"model":"m","message":{"role":"assistant","content":""},"done":true}\n')
    s = HTTPServer(("127.0.0.1", 0), H)
    open(out + "/port.tmp", "w").write(str(s.server_port)); __import__("os").rename(out + "/port.tmp", out + "/port")
    s.serve_forever()
    """#

    /// Ends the double. SIGKILL, not `terminate()`: Foundation's Process starts the child with the test thread's
    /// signal mask, in which SIGTERM is blocked, so a terminated double lived on after the tests.
    static func stop(_ p: Process) {
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
    }

    /// Starts the double and returns its process and base URL once it listens.
    static func startServer(in dir: TempDir) async throws -> (Process, String) {
        try server.write(toFile: dir.file("server.py"), atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", dir.file("server.py"), dir.path]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            if let port = try? String(contentsOfFile: dir.file("port"), encoding: .utf8) { return (p, "http://127.0.0.1:\(port)") }
            try await Task.sleep(for: .milliseconds(50))
        }
        stop(p)
        throw MCPTestFailure(message: "the model server double did not start")
    }

    @Test func streamsTheAnswerWithTheContextAsBriefing() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (server, url) = try await Self.startServer(in: dir)
        defer { Self.stop(server) }
        let herd = HerdBinary(home: dir.file("home"))
        let r = try await herd.run(["chat", "--endpoint", url, "--model", "tiny", "where", "should", "7b", "inference", "run?"])
        #expect(r.status == 0, "\(r.stderrText)")
        #expect(r.stdoutText == "Run it on local.\u{1b}[2J\n", "a pipe gets the answer as the model sent it")
        #expect(r.stderrText.isEmpty)
        let request = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.file("request.json")))) as? [String: Any])
        #expect(request["model"] as? String == "tiny")
        let messages = request["messages"] as? [[String: String]] ?? []
        #expect(messages.last?["content"] == "where should 7b inference run?")
        let system = messages.first?["content"] ?? ""
        #expect(system.contains("herd cluster: 1 host, 1 up"))
        #expect(system.contains("Source: live probe at "))
        #expect(system.contains("Placement for \"where should 7b inference run?\": needs"))
    }

    @Test func aModelServerErrorIsOneLineAndExit1() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let (server, url) = try await Self.startServer(in: dir)
        defer { Self.stop(server) }
        let r = try await HerdBinary(home: dir.file("home")).run(["chat", "--endpoint", url, "--model", "missing", "hello"])
        #expect(r.status == 1)
        #expect(r.stderrText == "herd: model server at \(url): HTTP 404: model 'missing' not found, try pulling it first\n")
    }

    /// Nothing listens: one line on stderr says so, the context block goes to stdout, exit 0.
    @Test func noServerFallsBackToTheContextBlock() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let r = try await HerdBinary(home: dir.file("home")).run(["chat", "--endpoint", "http://127.0.0.1:9", "anything?"])
        #expect(r.status == 0)
        #expect(r.stderrText == "herd: no model server answers at http://127.0.0.1:9 (connection refused); here is the cluster context instead\n")
        #expect(r.stdoutText.hasPrefix("herd cluster: 1 host, 1 up"))
        #expect(r.stdoutText.contains("\nSource: live probe at "))
    }

    @Test func badArgumentsExit2() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let herd = HerdBinary(home: dir.file("home"))
        #expect(try await herd.run(["chat"]).status == 2)
        let r = try await herd.run(["chat", "--endpoint", "ftp://x", "hi"])
        #expect(r.status == 2 && r.stderrText.contains("--endpoint must be an http(s) URL"))
    }

    /// `herd context` through the binary: the block, and the JSON document.
    @Test func contextCommand() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let herd = HerdBinary(home: dir.file("home"))
        let text = try await herd.run(["context", "light", "job"])
        #expect(text.status == 0, "\(text.stderrText)")
        #expect(text.stdoutText.hasPrefix("herd cluster: 1 host, 1 up (complete 1)\nSource: live probe at "))
        #expect(text.stdoutText.contains("Placement for \"light job\": needs 1 core"))
        let json = try await herd.run(["context", "--json"])
        let o = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
        #expect(o["schema_version"] as? Int == 1)
        #expect(o["source"] as? String == "live")
        #expect(o["hosts_total"] as? Int == 1)
        #expect((o["text"] as? String)?.hasPrefix("herd cluster: 1 host") == true)
    }
}

/// A test double did not come up.
struct MCPTestFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
