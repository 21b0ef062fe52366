import Foundation
import HerdTestSupport
import Testing

/// Through the binary: axis's `--format json|yaml` is the same as `--json` / `--yaml` on every command that has them,
/// a bad value is one line naming `--format` (exit 2), and `--format` after `--` belongs to the user's command.
@Suite(.timeLimit(.minutes(2))) struct H8FormatSynonymTests {
    @Test func formatIsASynonymOfJSONAndYAML() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let herd = HerdBinary(home: dir.file("home"))
        #expect(try await herd.run(["host", "add", "tb01", "nobody@tb01.invalid"]).status == 0)
        let pairs: [([String], [String])] = [
            (["ls", "--fast", "--json"], ["ls", "--fast", "--format", "json"]),
            (["ls", "--fast", "--yaml"], ["ls", "--fast", "--format=yaml"]),
            (["ls", "--fast", "--json"], ["ls", "--fast", "--format", "JSON"]),
            (["ps", "--json"], ["ps", "--format", "json"]),
            (["reservations", "--json"], ["reservations", "--format=json"]),
        ]
        for (plain, axis) in pairs {
            let a = try await herd.run(plain), b = try await herd.run(axis)
            #expect(a.status == 0 && b.status == 0, "\(axis): \(b.stderrText)")
            #expect(!a.stdout.isEmpty && a.stdoutText == b.stdoutText, "\(axis)")
        }
        let facts = try await herd.run(["facts", "--format", "json"])
        let doc = try #require(try JSONSerialization.jsonObject(with: facts.stdout) as? [String: Any])
        #expect(doc["hostname"] != nil && doc["schema_version"] as? Int == 1)
        for bad in [["ls", "--format", "xml"], ["ls", "--format"], ["ls", "--format=\u{1b}[2J"]] {
            let r = try await herd.run(bad)
            #expect(r.status == 2, "\(bad)")
            #expect(r.stderrText.contains("--format") && r.stderrText.split(separator: "\n").count == 1, "\(bad): \(r.stderrText)")
            #expect(!r.stderrText.contains("\u{1b}"))
        }
    }

    @Test func formatAfterDoubleDashIsTheUsersCommand() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let herd = HerdBinary(home: dir.file("home"))
        // The implicit local host runs the command without ssh: `--format json` must reach echo untouched.
        let r = try await herd.run(["on", "local", "--", "echo", "--format", "json"])
        #expect(r.status == 0, "\(r.stderrText)")
        #expect(r.stdoutText.contains("--format json"), "\(r.stdoutText)")
    }
}
