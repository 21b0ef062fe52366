import Foundation
import HerdRemote

/// Fake hosts for integration tests: real `sshd` processes on 127.0.0.1 started by `testbed.sh`,
/// one Unix user and port per host, with a generated ssh_config and known_hosts.
public final class TestBed: Sendable {
    /// One fake host.
    public struct Host: Sendable, Equatable {
        public let name: String
        public let user: String
        public let port: Int
    }

    /// The script that does the work (kept beside this file).
    public static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("testbed.sh").path

    /// The bed's directory (keys, config, per-host state).
    public let dir: String
    /// The hosts, in order.
    public let hosts: [Host]

    /// The generated ssh_config with one alias per host.
    public var sshConfig: String { "\(dir)/ssh_config" }
    /// The generated known_hosts.
    public var knownHosts: String { "\(dir)/known_hosts" }

    private init(dir: String, hosts: [Host]) {
        self.dir = dir
        self.hosts = hosts
    }

    /// Starts `count` hosts named `prefix01…`; `prefix` must be unique among beds running at once.
    public static func start(_ count: Int, prefix: String) async throws -> TestBed {
        let dir = try TempDir("herd-bed-\(prefix)").path
        try await script(["start", dir, String(count), prefix])
        let tsv = try String(contentsOfFile: "\(dir)/hosts.tsv", encoding: .utf8)
        let hosts = tsv.split(separator: "\n").map { line -> Host in
            let f = line.split(separator: "\t").map(String.init)
            return Host(name: f[0], user: f[1], port: Int(f[2]) ?? 0)
        }
        return TestBed(dir: dir, hosts: hosts)
    }

    /// Makes `name` refuse connections and drops its open sessions.
    public func kill(_ name: String) async throws { try await Self.script(["kill", dir, name]) }
    /// Stops (SIGSTOP) `name`'s sshd and sessions, so connections hang.
    public func freeze(_ name: String) async throws { try await Self.script(["freeze", dir, name]) }
    /// Sets the login shell of `name`'s user (it runs every ssh command), to fake odd hosts.
    public func shell(_ name: String, _ program: String) async throws { try await Self.script(["shell", dir, name, program]) }
    /// Gives `name`'s user passwordless sudo (until `stop`), like a host with `sudo: true`.
    public func grantSudo(_ name: String) async throws { try await Self.script(["sudo", dir, name]) }
    /// Undoes `kill` or `freeze`.
    public func revive(_ name: String) async throws { try await Self.script(["revive", dir, name]) }

    /// Stops every process the bed started and removes its directory.
    public func stop() async {
        _ = try? await Self.script(["stop", dir])
        try? FileManager.default.removeItem(atPath: dir)
    }

    @discardableResult
    private static func script(_ args: [String]) async throws -> CommandResult {
        let r = try await ProcessRunner().run("/bin/bash", [script] + args, input: nil, timeout: .seconds(120))
        guard r.status == 0 else {
            throw TestBedError(message: "testbed.sh \(args.joined(separator: " ")) failed (\(r.status)): \(r.stderrText)")
        }
        return r
    }
}

/// A test-bed script failure with its stderr.
public struct TestBedError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
