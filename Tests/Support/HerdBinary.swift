import Foundation
import HerdRemote

/// Runs the built `herd` executable as a user would, with its own `HERD_HOME`.
public struct HerdBinary: Sendable {
    /// The executable's path: `$HERD_BIN`, else `herd` beside the test bundle in the build directory.
    public static let path: String = {
        if let p = ProcessInfo.processInfo.environment["HERD_BIN"], !p.isEmpty { return p }
        var dirs: [URL] = [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        dirs += [URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../.build/debug")]
        for d in dirs {
            var dir = d
            for _ in 0..<3 {
                let candidate = dir.appendingPathComponent("herd").path
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
                dir = dir.deletingLastPathComponent()
            }
        }
        return "herd"
    }()

    /// The state directory the runs use.
    public let home: String
    /// Extra environment for the runs.
    public var environment: [String: String]

    public init(home: String, environment: [String: String] = [:]) {
        self.home = home
        self.environment = environment
    }

    /// Runs `herd args…` (in `cwd` when given) and returns its result (a time limit guards against hangs).
    public func run(_ args: [String], input: Data? = nil, timeout: Duration = .seconds(60), cwd: String? = nil) async throws -> CommandResult {
        var env = environment
        env["HERD_HOME"] = home
        guard let cwd else { return try await ProcessRunner(environment: env).run(Self.path, args, input: input, timeout: timeout) }
        let quoted = ([Self.path] + args).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        return try await ProcessRunner(environment: env).run("/bin/sh", ["-c", "cd '\(cwd)' && exec \(quoted)"], input: input, timeout: timeout)
    }

    /// Runs the system ssh client with `args` (for checks and clean-up around herd's own calls).
    public static func ssh(_ args: [String]) async throws -> CommandResult {
        try await ProcessRunner().run(Executable.find("ssh") ?? "/usr/bin/ssh", args, input: nil, timeout: .seconds(20))
    }

    /// Runs `command` under /bin/sh on this machine and returns its stdout (for checks on test-bed users).
    public static func shell(_ command: String) async throws -> String {
        try await ProcessRunner().run("/bin/sh", ["-c", command], input: nil, timeout: .seconds(20)).stdoutText
    }

    /// Runs `herd args…` given as one space-separated string (no quoting; for simple calls).
    public func run(_ line: String) async throws -> CommandResult {
        try await run(line.split(separator: " ").map(String.init))
    }
}
