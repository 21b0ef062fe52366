import Foundation
import HerdRemote
import HerdTestSupport
import Testing

/// `herd cp` and `herd rcp` against real sshd hosts: awkward names arrive as they are, each host's copy lands in
/// its own directory, and a down host fails alone.
@Suite(.timeLimit(.minutes(3))) struct CopyCommandTests {
    /// Names that break naive quoting: spaces, quotes, `$`, a newline, a leading dash, unicode, a colon.
    static let names = ["with space", "it's \"quoted\"", "$HOME and `id`", "new\nline", "-leading-dash", "ünïcødé ✓ 漢字", "a:colon"]

    /// The home directory of the test-bed user `user`.
    static func home(of user: String) async throws -> String {
        try await HerdBinary.shell("getent passwd \(user) | cut -d: -f6").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func cpAndRcpCarryAwkwardNamesAndADownHostFailsAlone() async throws {
        let home = try TempDir()
        defer { home.remove() }
        try await withTestBed(2, prefix: "h9d") { bed in
            let herd = try await OnCommandTests.herd(for: bed, home: home)
            // A host nothing listens for: its copy fails, the others' do not.
            let down = try await herd.run(["host", "add", "h9dx", "nobody@127.0.0.1:1"])
            #expect(down.status == 0, "\(down.stderrText)")
            let src = home.file("src")
            let fm = FileManager.default
            try fm.createDirectory(atPath: src + "/sub dir $x", withIntermediateDirectories: true)
            for (i, n) in Self.names.enumerated() { try Data("content \(i) of \(n)\n".utf8).write(to: URL(fileURLWithPath: "\(src)/\(n)")) }
            try Data("inner\n".utf8).write(to: URL(fileURLWithPath: "\(src)/sub dir $x/-in ner'"))
            // Relative names (a leading dash among them), run from the source directory.
            let dest = "dest dir/$HOME 'q'"
            let args = ["cp", "--"] + Self.names + ["sub dir $x", "h9d[01-02],h9dx:\(dest)/"]
            let r = try await herd.run(args, cwd: src)
            #expect(r.status == 1, "\(r.stdoutText) \(r.stderrText)")
            let lines = Set(r.stdoutText.split(separator: "\n").map(String.init))
            #expect(lines.contains("h9d01: ok") && lines.contains("h9d02: ok"), "\(r.stdoutText)")
            #expect(lines.contains { $0.hasPrefix("h9dx: failed: ") }, "\(r.stdoutText)")
            #expect(r.stderrText.contains("3 hosts: 2 ok, 1 failed (h9dx)"), "\(r.stderrText)")
            for h in bed.hosts {
                let remote = try await Self.home(of: h.user) + "/" + dest
                for (i, n) in Self.names.enumerated() {
                    #expect(fm.contents(atPath: "\(remote)/\(n)") == Data("content \(i) of \(n)\n".utf8), "\(h.name): \(n)")
                }
                #expect(fm.contents(atPath: "\(remote)/sub dir $x/-in ner'") == Data("inner\n".utf8))
                // A symlink on the host pointing out of the tree is not followed back.
                try fm.createSymbolicLink(atPath: "\(remote)/escape", withDestinationPath: "/etc")
                _ = try await HerdBinary.shell("chown -h \(h.user) '\(remote)/escape'")
            }

            // rcp: every host's copy in out/HOST/, nothing written outside, the down host failing alone (--json).
            let out = home.file("out")
            let p = try await herd.run(["rcp", "--json", "h9d[01-02],h9dx:\(dest)", out])
            #expect(p.status == 1, "\(p.stderrText)")
            let doc = try #require(try JSONSerialization.jsonObject(with: p.stdout) as? [String: Any], "\(p.stdoutText)")
            #expect(doc["operation"] as? String == "rcp")
            #expect(doc["failed"] as? [String] == ["h9dx"])
            #expect(doc["ok"] as? Int == 2)
            let rows = try #require(doc["results"] as? [[String: Any]])
            #expect(rows.map { $0["host"] as? String } == ["h9d01", "h9d02", "h9dx"])
            #expect(rows.last?["ok"] as? Bool == false && (rows.last?["error"] as? String)?.isEmpty == false)
            let leaf = "$HOME 'q'"
            for h in bed.hosts {
                for (i, n) in Self.names.enumerated() {
                    #expect(fm.contents(atPath: "\(out)/\(h.name)/\(leaf)/\(n)") == Data("content \(i) of \(n)\n".utf8), "\(h.name): \(n)")
                }
                #expect(fm.contents(atPath: "\(out)/\(h.name)/\(leaf)/sub dir $x/-in ner'") == Data("inner\n".utf8))
                // The out-of-tree symlink was skipped, not followed nor recreated.
                #expect((try? fm.destinationOfSymbolicLink(atPath: "\(out)/\(h.name)/\(leaf)/escape")) == nil)
                #expect(!fm.fileExists(atPath: "\(out)/\(h.name)/\(leaf)/escape/passwd"))
            }

            // A DEST/HOST that is a symlink is refused for that host: nothing is written through it.
            let out2 = home.file("out2")
            let elsewhere = home.file("elsewhere")
            try fm.createDirectory(atPath: out2, withIntermediateDirectories: true)
            try fm.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
            try fm.createSymbolicLink(atPath: "\(out2)/h9d01", withDestinationPath: elsewhere)
            let s = try await herd.run(["rcp", "h9d[01-02]:\(dest)/with space", out2])
            #expect(s.status == 1)
            #expect(s.stdoutText.contains("h9d01: failed: ") && s.stdoutText.contains("h9d02: ok"), "\(s.stdoutText)")
            #expect(try fm.contentsOfDirectory(atPath: elsewhere).isEmpty)
            #expect(fm.contents(atPath: "\(out2)/h9d02/with space") == Data("content 0 of with space\n".utf8))

            // Bad arguments: one line, exit 2.
            #expect(try await herd.run(["cp", "nothing-here", "h9d01:x"]).status == 2)
            #expect(try await herd.run(["cp", "\(src)/with space", "no-colon"]).status != 0)
        }
    }
}
