import Foundation
import HerdRemote
import HerdTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A `herd` process started in the background, so a test can signal it (`herd run` during a slow sync).
final class BackgroundHerd: @unchecked Sendable {
    let child: ChildProcess

    /// Starts `herd args…` in `cwd` with `herd`'s home and environment plus `extra`.
    init(_ herd: HerdBinary, _ args: [String], cwd: String, extra: [String: String] = [:]) throws {
        var env = ProcessInfo.processInfo.environment.merging(herd.environment) { _, new in new }
        env["HERD_HOME"] = herd.home
        env.merge(extra) { _, new in new }
        let quoted = ([HerdBinary.path] + args).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        child = try ChildProcess.spawn("/bin/sh", ["-c", "cd '\(cwd)' && exec \(quoted)"], environment: env, pipeStdin: false)
    }

    /// Sends `sig` to herd.
    func signal(_ sig: Int32) { child.signal(sig) }

    /// Waits (polling, up to `limit`) for herd to exit; its status (nil on time-out) and what it wrote on stderr.
    func finish(limit: Duration) async throws -> (status: Int32?, stderr: String) {
        let deadline = ContinuousClock.now + limit
        var status: Int32?
        while status == nil, ContinuousClock.now < deadline {
            status = child.reapIfExited()
            if status == nil { try await Task.sleep(for: .milliseconds(50)) }
        }
        if status == nil {
            child.signal(SIGKILL)
            _ = child.waitForExit()
        }
        return (status, Self.drain(child.stderr))
    }

    /// What is readable on `fd` now (a persisting ssh master may hold the pipe open, so never wait for EOF).
    private static func drain(_ fd: Int32) -> String {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        var out = Data()
        var buf = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fd, &buf, buf.count)
            if n <= 0 { break }
            out.append(contentsOf: buf[0..<n])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Checks on what `herd run` leaves behind, shared by the leak tests.
enum Leftovers {
    /// The home of a test-bed host's user.
    static func home(_ host: TestBed.Host) -> String { "/home/\(host.user)" }

    /// Removes what an earlier run may have left in a test-bed user's home (homes outlive a bed): herd's job and
    /// work dirs and the tests' marker files, so the checks below see only this run.
    static func reset(_ host: TestBed.Host) {
        for sub in [".herd/workdirs", ".herd/jobs", "launch-started"] { try? FileManager.default.removeItem(atPath: "\(home(host))/\(sub)") }
    }

    /// Entries of `~/.herd/workdirs` and `~/.herd/jobs` on a test-bed host.
    static func remote(_ host: TestBed.Host) -> [String] {
        let fm = FileManager.default
        return ["workdirs", "jobs"].flatMap { sub in
            ((try? fm.contentsOfDirectory(atPath: "\(home(host))/.herd/\(sub)")) ?? []).map { "\(sub)/\($0)" }
        }
    }

    /// The objects with a `host` key anywhere in a `--json` document (rows of `ps` or `reservations`,
    /// whether the document is a bare array or an object wrapping one).
    static func rows(_ json: Data) -> [[String: Any]] {
        guard let value = try? JSONSerialization.jsonObject(with: json) else { return [] }
        func collect(_ v: Any) -> [[String: Any]] {
            if let d = v as? [String: Any] { return d["host"] != nil ? [d] : d.values.flatMap(collect) }
            if let a = v as? [Any] { return a.flatMap(collect) }
            return []
        }
        return collect(value)
    }

    /// The reservation rows of `herd reservations --json`.
    static func reservations(_ herd: HerdBinary) async throws -> [[String: Any]] {
        let r = try await herd.run(["reservations", "--json"])
        #expect(r.status == 0, "\(r.stderrText)")
        return rows(r.stdout)
    }

    /// The job rows of `herd ps --all --json`.
    static func jobs(_ herd: HerdBinary) async throws -> [[String: Any]] {
        let r = try await herd.run(["ps", "--all", "--json", "--wait", "10s"])
        #expect(r.status == 0, "\(r.stderrText)")
        return rows(r.stdout)
    }

    /// Processes of `user` whose command line contains `word` (tmux sessions, rsync receivers).
    static func processes(of user: String, matching word: String) async throws -> String {
        try await HerdBinary.shell("pgrep -u \(user) -a -f '\(word)' || true").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls `check` until it is true or `limit` passes; whether it became true.
    static func eventually(_ limit: Duration = .seconds(10), _ check: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if try await check() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try await check()
    }

    /// A directory other users can read, holding executable scripts (fake tools for a host's login shell or
    /// for herd's own PATH); removed by the caller.
    static func toolDir(_ scripts: [String: String]) throws -> String {
        let dir = "/tmp/herd-h4-tools-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        for (name, body) in scripts {
            let path = "\(dir)/\(name)"
            try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        }
        return dir
    }
}
