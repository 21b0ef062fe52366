import Foundation
import HerdTestSupport
import Testing

/// `herd version` and `herd --version` name the release and the commit the binary was built from.
@Suite(.timeLimit(.minutes(1))) struct VersionCommandTests {
    /// Runs git in this source tree; nil when git fails.
    static func git(_ args: [String]) throws -> String? {
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        git.arguments = ["-C", URL(fileURLWithPath: #filePath).deletingLastPathComponent().path] + args
        let pipe = Pipe()
        git.standardOutput = pipe
        git.standardError = FileHandle.nullDevice
        try git.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        git.waitUntilExit()
        return git.terminationStatus == 0 ? out.trimmingCharacters(in: .whitespacesAndNewlines) : nil
    }

    @Test func versionNamesTheReleaseAndTheBuildCommit() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let herd = HerdBinary(home: dir.file("home"))
        let sub = try await herd.run(["version"])
        let flag = try await herd.run(["--version"])
        #expect(sub.status == 0 && flag.status == 0)
        #expect(sub.stdoutText == flag.stdoutText)
        let line = sub.stdoutText.trimmingCharacters(in: .newlines)
        #expect(line.hasPrefix("herd 0."))
        let commit = try #require(line.split(separator: "(commit ").last?.dropLast().split(separator: "-").first.map(String.init))
        guard try Self.git(["rev-parse", "--git-dir"]) != nil else {
            #expect(commit == "unknown")
            return
        }
        // Built from this checkout: the stamped commit is one of its commits (HEAD, or an earlier one when the
        // tests run on a binary built before the last commit).
        #expect(commit.count == 12 && commit.allSatisfy(\.isHexDigit), "\(line)")
        #expect(try Self.git(["cat-file", "-e", "\(commit)^{commit}"]) != nil, "\(line): not a commit of this checkout")
    }
}
