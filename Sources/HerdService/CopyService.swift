import Foundation
import HerdCore
import HerdEngine

/// `herd cp` and `herd rcp`: files to many hosts, or a path from many hosts into a directory per host (pdcp,
/// rpdcp, clush -c/--rcopy), with rsync over each host's ControlMaster, at most `concurrency` hosts at once.
public struct CopyService: Sendable {
    public let context: ServiceContext

    public init(context: ServiceContext) { self.context = context }

    /// Copies local `sources` to `dest` on every host (`dest` relative to the remote home; empty: the home);
    /// `onFinish` gets each host's result as it ends.
    public func push(
        _ sources: [String], to dest: String, on hosts: [Host], concurrency: Int = 32,
        onFinish: @escaping @Sendable (CopyResult) -> Void = { _ in }
    ) async throws -> [CopyResult] {
        for s in sources where !FileManager.default.fileExists(atPath: s) {
            throw HerdError.invalidInput("\(TerminalText.line(s)): no such file or directory")
        }
        try context.home.ensureControlDir()
        return await CopyFanout(options: context.sshOptions).push(sources, to: dest, on: hosts, concurrency: concurrency, onFinish: onFinish)
    }

    /// Copies `path` from every host into `dest/HOST/` (created as needed, never through a symlink).
    public func pull(
        _ path: String, from hosts: [Host], into dest: String, concurrency: Int = 32,
        onFinish: @escaping @Sendable (CopyResult) -> Void = { _ in }
    ) async throws -> [CopyResult] {
        try context.home.ensureControlDir()
        return await CopyFanout(options: context.sshOptions).pull(path, from: hosts, into: dest, concurrency: concurrency, onFinish: onFinish)
    }
}
