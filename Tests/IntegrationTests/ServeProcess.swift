import Foundation
import HerdRemote
import HerdTestSupport
import Testing

/// A running `herd serve` for the tests, and curl against it (over its Unix socket or TCP) as a user's scripts
/// would call it.
final class ServeProcess: @unchecked Sendable {
    let process: Process
    let herd: HerdBinary
    let stderrPath: String
    /// The TCP port it listens on (nil with --no-tcp).
    private(set) var port: Int?

    var socket: String { herd.home + "/herd.sock" }
    var pid: Int32 { process.processIdentifier }

    /// An HTTP answer: the status and the body.
    struct Answer {
        var status: Int
        var body: String
        /// The body as a JSON object ([:] when it is not one).
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:] }
    }

    /// Starts `herd serve args…`; waits until it listens (or exits).
    init(_ herd: HerdBinary, _ args: [String], log: String) throws {
        self.herd = herd
        stderrPath = log
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: HerdBinary.path)
        p.arguments = ["serve"] + args
        var env = ProcessInfo.processInfo.environment
        for (k, v) in herd.environment { env[k] = v }
        env["HERD_HOME"] = herd.home
        p.environment = env
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle(forWritingAtPath: log)
        try p.run()
        process = p
    }

    /// What it wrote on stderr so far.
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Waits until it announced `listeners` listeners (the port is read from the TCP line); false when it exited.
    func ready(listeners: Int = 2, limit: Duration = .seconds(30)) async throws -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            let lines = stderr.split(separator: "\n").filter { $0.contains("listening on") }
            if lines.count >= listeners {
                if let tcp = lines.first(where: { $0.contains("http://") }), let colon = tcp.split(separator: " ")
                    .first(where: { $0.hasPrefix("http://") })?.split(separator: ":").last {
                    port = Int(colon)
                }
                return true
            }
            if !process.isRunning { return false }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    /// Waits for it to exit; its status, or nil when it did not within `limit`.
    func exit(limit: Duration = .seconds(20)) async throws -> Int32? {
        let deadline = ContinuousClock.now + limit
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// Sends `signal` to it.
    func signal(_ signal: Int32) { _ = kill(process.processIdentifier, signal) }

    /// `curl` METHOD PATH (with `body`) over the Unix socket, or over TCP with `tcp` (and `headers`).
    func call(
        _ method: String, _ path: String, body: String? = nil, tcp: Bool = false, headers: [String] = [], maxTime: Int = 30,
        headFile: String? = nil
    ) async throws -> Answer {
        var args = ["-sS", "-X", method, "--max-time", String(maxTime), "-w", "\n%{http_code}"]
        if let headFile { args += ["-D", headFile] }
        if let body {
            let file = stderrPath + ".body"
            try body.write(toFile: file, atomically: true, encoding: .utf8)
            args += ["-H", "Content-Type: application/json", "--data-binary", "@" + file]
        }
        for h in headers { args += ["-H", h] }
        if tcp {
            args.append("http://127.0.0.1:\(port ?? 0)\(path)")
        } else {
            args += ["--unix-socket", socket, "http://herd\(path)"]
        }
        let r = try await ProcessRunner().run("/usr/bin/curl", args, input: nil, timeout: .seconds(maxTime + 10))
        let text = r.stdoutText
        guard let nl = text.lastIndex(of: "\n"), let status = Int(text[text.index(after: nl)...]) else {
            return Answer(status: 0, body: text + r.stderrText)
        }
        return Answer(status: status, body: String(text[..<nl]))
    }

    /// GET over the socket, expecting 200, returning the JSON object.
    func get(_ path: String) async throws -> [String: Any] {
        let a = try await call("GET", path)
        #expect(a.status == 200, "GET \(path): \(a.status) \(a.body)")
        return a.json
    }

    /// Polls `condition` until it holds or `limit` passes; whether it held.
    static func eventually(_ limit: Duration, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try await condition()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
