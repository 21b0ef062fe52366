import Foundation
import HerdTestSupport
import Testing

/// `herd on` refuses to forward more than 64 MiB of stdin: one line naming the limit, exit 2, nothing run.
@Suite(.timeLimit(.minutes(1))) struct OnStdinLimitTests {
    @Test func stdinPastTheLimitIsAnInputError() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let herd = HerdBinary(home: dir.file("home"))
        let marker = dir.file("ran")
        let big = Data(count: (64 << 20) + 1)
        let r = try await herd.run(["on", "local", "--", "touch '\(marker)'"], input: big)
        #expect(r.status == 2, "\(r.stderrText)")
        #expect(r.stderrText.contains("stdin is larger than 64 MiB"), "\(r.stderrText)")
        #expect(r.stderrText.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: marker))
        // Exactly at the limit is fine, and reaches the command whole (the local host runs the same wrapper).
        let exact = try await herd.run(["on", "local", "--no-prefix", "--", "wc -c"], input: Data(count: 64 << 20))
        #expect(exact.status == 0, "\(exact.stderrText)")
        #expect(exact.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines) == "\(64 << 20)")
    }
}
