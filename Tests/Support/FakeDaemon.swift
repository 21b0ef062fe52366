import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A stand-in for `herd serve` in client tests: Python's http.server over a Unix socket (a real HTTP/1.1 peer
/// that is not herd's code), answering from files and with the failure modes a client must survive:
/// `/slow` (answers after 30 s), `/stall` (headers, then part of the body, then nothing), `/huge` (a body of 1 GiB).
/// A file `NAME.json` in the directory answers `GET /NAME` (slashes as `_`) with 200, or with the status in
/// `NAME.status`, after the seconds in `NAME.delay`; POST bodies are appended to `posts.log`; `POST /v1/shutdown`
/// answers, removes the socket and exits, as the daemon does.
public final class FakeDaemon: @unchecked Sendable {
    public let dir: String
    public let socketPath: String
    private let process = Process()

    static let script = #"""
    import sys, os, time, socketserver, http.server
    sock, root = sys.argv[1], sys.argv[2]
    class H(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        def log_message(self, *args): pass
        def do_GET(self): self.route()
        def do_POST(self):
            n = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(n).decode()
            with open(os.path.join(root, "posts.log"), "a") as f: f.write(self.path + " " + body + "\n")
            self.route()
        def route(self):
            p = self.path.split("?")[0].strip("/")
            try:
                if p == "slow": time.sleep(30)
                if p == "stall":
                    self.send_response(200); self.send_header("Content-Length", "100"); self.end_headers()
                    self.wfile.write(b"{\"partial\": "); self.wfile.flush(); time.sleep(30)
                if p == "huge":
                    self.send_response(200); self.send_header("Content-Type", "application/json"); self.end_headers()
                    chunk = b"x" * 65536
                    for _ in range(16384): self.wfile.write(chunk)
                    return
                name = os.path.join(root, p.replace("/", "_"))
                if os.path.exists(name + ".delay"): time.sleep(float(open(name + ".delay").read()))
                if not os.path.exists(name + ".json"):
                    body, status = b"{\"schema_version\":1,\"error\":\"no route /" + p.encode() + b"\"}", 404
                else:
                    body = open(name + ".json", "rb").read()
                    status = int(open(name + ".status").read()) if os.path.exists(name + ".status") else 200
                self.send_response(status); self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
                if p == "v1/shutdown":
                    self.wfile.flush(); os.unlink(sock); os._exit(0)
            except (BrokenPipeError, ConnectionResetError):
                pass
    class S(socketserver.ThreadingUnixStreamServer):
        daemon_threads = True
    S(sock, H).serve_forever()
    """#

    /// A server for a socket at `socketPath` (default: `herd.sock` in a fresh directory).
    public init(socketPath: String? = nil) throws {
        dir = FileManager.default.temporaryDirectory.path + "/herd-c-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        self.socketPath = socketPath ?? dir + "/herd.sock"
    }

    /// Starts the server and waits (at most 10 s) until its socket accepts connections (the file appears at
    /// bind(), before listen()).
    public func start() throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, socketPath, dir]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(10)
        while !accepts() {
            guard Date() < deadline, process.isRunning else { throw CocoaError(.fileNoSuchFile) }
            usleep(10_000)
        }
    }

    /// Whether a connection to the socket is accepted now.
    private func accepts() -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(socketPath.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: addr.sun_path) else { return false }
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        return withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        } == 0
    }

    /// Serves `body` for `GET /path` (and POST) with `status`, after `delay` seconds.
    public func answer(_ path: String, _ body: String, status: Int = 200, delay: Double = 0) throws {
        let name = dir + "/" + path.trimmingCharacters(in: CharacterSet(charactersIn: "/")).replacingOccurrences(of: "/", with: "_")
        try body.write(toFile: name + ".json", atomically: true, encoding: .utf8)
        if status != 200 { try String(status).write(toFile: name + ".status", atomically: true, encoding: .utf8) }
        if delay > 0 { try String(delay).write(toFile: name + ".delay", atomically: true, encoding: .utf8) }
    }

    /// What POST requests carried, one line each.
    public var posts: String { (try? String(contentsOfFile: dir + "/posts.log", encoding: .utf8)) ?? "" }

    /// Kills the server with SIGKILL: its socket file stays behind, as after `kill -9` of a daemon.
    public func killHard() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Stops the server and removes its directory.
    public func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: dir)
    }
}
