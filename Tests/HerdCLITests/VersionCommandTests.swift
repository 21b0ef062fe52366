import Foundation
import HerdTestSupport
import Testing

/// `herd version` and `herd --version` name the release and the commit the binary was built from.
@Suite(.timeLimit(.minutes(1))) struct VersionCommandTests {
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
        // The commit is the checkout's HEAD (this test runs from the source tree).
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        git.arguments = ["-C", URL(fileURLWithPath: #filePath).deletingLastPathComponent().path, "rev-parse", "--short=12", "HEAD"]
        let pipe = Pipe()
        git.standardOutput = pipe
        git.standardError = FileHandle.nullDevice
        try git.run()
        let head = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        git.waitUntilExit()
        if git.terminationStatus == 0 {
            #expect(line.contains("(commit \(head)"), "\(line) vs HEAD \(head)")
        } else {
            #expect(line.contains("(commit unknown)"))
        }
    }
}
