import Foundation
import HerdCore
import HerdRemote

/// `herd cp` and `herd rcp`: rsync to or from many hosts at once, over each host's ControlMaster (the same ssh
/// options as `herd run`'s sync), at most `concurrency` at a time, one `CopyResult` per host.
///
/// File names pass through untouched: rsync runs with `--protect-args` (the remote shell never parses a name),
/// local names are made absolute or `./`-prefixed (a leading `-` is never an option, a `:` never a host), and a
/// remote path starting with `:` (rsync's daemon syntax) gets `./` too. DEST's directory is created first
/// (`mkdir -p`, quoted for the remote shell, through `--rsync-path`). Pulls keep symlinks as symlinks and drop
/// any that point out of the copied tree (`--safe-links`), and each host's copy lands in `DEST/HOST/`, a directory
/// herd creates itself (never through a symlink), so hosts never overwrite each other or anything outside DEST.
public struct CopyFanout: Sendable {
    public let runner: any CommandRunner
    public let options: SSHOptions
    public let ssh: String
    public let rsync: String

    public init(
        runner: any CommandRunner = ProcessRunner(), options: SSHOptions, ssh: String = Executable.find("ssh") ?? "/usr/bin/ssh",
        rsync: String = Executable.find("rsync") ?? "/usr/bin/rsync"
    ) {
        self.runner = runner
        self.options = options
        self.ssh = ssh
        self.rsync = rsync
    }

    /// Copies local `sources` to `dest` on every host (`dest` relative to the remote home; empty: the home).
    public func push(
        _ sources: [String], to dest: String, on hosts: [Host], concurrency: Int = 32,
        onFinish: @escaping @Sendable (CopyResult) -> Void = { _ in }
    ) async -> [CopyResult] {
        let locals = sources.map(Self.localArgument)
        let dir = Self.directoryToMake(dest, sources: sources.count)
        return await each(hosts, concurrency: concurrency, onFinish: onFinish) { host in
            var args = ["-rlpt", "--protect-args"] + shell(host)
            if let dir {
                if host.isLocal {
                    try? FileManager.default.createDirectory(atPath: remote(dir, on: host), withIntermediateDirectories: true)
                } else {
                    args.append("--rsync-path=mkdir -p -- \(ShellQuote.quote(dir)) && rsync")
                }
            }
            args += ["--"] + locals + [remote(dest, on: host)]
            return try await rsyncRun(args, host: host)
        }
    }

    /// Copies `path` from every host into `dest/HOST/` (created as needed).
    public func pull(
        _ path: String, from hosts: [Host], into dest: String, concurrency: Int = 32,
        onFinish: @escaping @Sendable (CopyResult) -> Void = { _ in }
    ) async -> [CopyResult] {
        await each(hosts, concurrency: concurrency, onFinish: onFinish) { host in
            let dir = try Self.hostDirectory(dest, host: host.name)
            let args = ["-rlt", "--safe-links", "--protect-args"] + shell(host) + ["--", remote(path, on: host), Self.localArgument(dir) + "/"]
            return try await rsyncRun(args, host: host)
        }
    }

    /// The remote directory `push` creates (with its parents) before copying: DEST itself when it ends in `/` or
    /// several sources go there, else DEST's parent; nil for the home.
    static func directoryToMake(_ dest: String, sources: Int) -> String? {
        var dir = dest
        if !dest.hasSuffix("/") && sources == 1 {
            guard let slash = dest.lastIndex(of: "/") else { return nil }
            dir = String(dest[..<slash])
        }
        while dir.count > 1 && dir.hasSuffix("/") { dir.removeLast() }
        return dir.isEmpty || dir == "/" ? nil : dir
    }

    /// A local path as rsync must get it: absolute, or `./`-prefixed (never an option, never `host:path`).
    public static func localArgument(_ path: String) -> String {
        path.hasPrefix("/") ? path : "./" + path
    }

    /// `dest/host`, made a real directory if it is not one yet; an error when it exists as anything else (a
    /// symlink included), so nothing is written outside `dest`.
    static func hostDirectory(_ dest: String, host: String) throws -> String {
        guard !host.isEmpty, !host.contains("/"), host != ".", host != ".." else {
            throw HerdError.invalidInput("host name \(host) cannot name a directory")
        }
        let dir = (dest.hasSuffix("/") ? dest : dest + "/") + host
        var st = stat()
        if lstat(dir, &st) == 0 {
            guard st.st_mode & S_IFMT == S_IFDIR else {
                throw HerdError.invalidInput("\(RsyncFailure.printable(dir)) exists and is not a directory; not copying into it")
            }
            return dir
        }
        if mkdir(dir, 0o755) != 0 && errno != EEXIST {
            throw HerdError.invalidInput("cannot create \(RsyncFailure.printable(dir)): \(String(cString: strerror(errno)))")
        }
        guard lstat(dir, &st) == 0, st.st_mode & S_IFMT == S_IFDIR else {
            throw HerdError.invalidInput("\(RsyncFailure.printable(dir)) is not a directory; not copying into it")
        }
        return dir
    }

    private func shell(_ host: Host) -> [String] {
        host.isLocal ? [] : ["-e", SSHCommand.rsyncShell(ssh: ssh, target: host.target, options: options)]
    }

    /// `host:path` (a path on the local host stays local, relative to the home).
    private func remote(_ path: String, on host: Host) -> String {
        if host.isLocal {
            if path.hasPrefix("/") { return path }
            return NSHomeDirectory() + "/" + path
        }
        return "\(host.target.destination):" + (path.hasPrefix(":") ? "./" + path : path)
    }

    private func rsyncRun(_ args: [String], host: Host) async throws -> String? {
        let runner = self.runner, rsync = self.rsync
        let r = try await ChannelBudget.shared.withChannel(host.ssh) {
            try await runner.run(rsync, args, input: nil, timeout: nil)
        }
        return r.status == 0 ? nil : RsyncFailure.reason(status: r.status, stderr: r.stderrText, host: host.name)
    }

    private func each(
        _ hosts: [Host], concurrency: Int, onFinish: @escaping @Sendable (CopyResult) -> Void,
        _ body: @escaping @Sendable (Host) async throws -> String?
    ) async -> [CopyResult] {
        await BoundedMap.run(hosts, limit: concurrency, onEach: onFinish) { host in
            let start = ContinuousClock.now
            let failure: String?
            do { failure = try await body(host) } catch let e as HerdError { failure = e.description } catch { failure = "\(error)" }
            return CopyResult(host: host.name, error: failure, durationMs: (ContinuousClock.now - start).milliseconds)
        }
    }
}
