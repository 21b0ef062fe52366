import Foundation
import HerdTestSupport
import Testing

/// `herd host import` through the built binary: Include from ~/.ssh, duplicates against the roster and within the
/// file, wrong types, and hostile files refused with one line and exit 2.
@Suite(.timeLimit(.minutes(1))) struct HostImportCommandTests {
    @Test func sshConfigIncludesDuplicatesAndRejections() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let ssh = dir.file("user/.ssh")
        try FileManager.default.createDirectory(atPath: ssh + "/conf.d", withIntermediateDirectories: true)
        try "Host lab1 lab2\n  User lab\nHost lab1\n  HostName 10.1.0.1\nHost lab2\n  HostName 10.1.0.1\n"
            .write(toFile: ssh + "/conf.d/lab.conf", atomically: true, encoding: .utf8)
        try "Include conf.d/*.conf\nHost gpu\n  HostName 10.0.0.11\n  User ubuntu\n".write(toFile: ssh + "/config", atomically: true, encoding: .utf8)
        let herd = HerdBinary(home: dir.file("home"), environment: ["HOME": dir.file("user"), "USER": "me"])
        #expect(try await herd.run(["host", "add", "old-gpu", "ubuntu@10.0.0.11"]).status == 0)
        let r = try await herd.run(["host", "import", ssh + "/config"])
        #expect(r.status == 0, "\(r.stderrText)")
        #expect(r.stdoutText == """
            added  lab1 (lab1)
            duplicate lab2: same machine as 'lab1' above (lab@10.1.0.1:22)
            duplicate gpu: already in the roster as 'old-gpu' (ubuntu@10.0.0.11:22)
            \(ssh)/config (ssh_config): 1 added, 0 skipped, 2 duplicate, 0 rejected

            """)
        let ls = try await herd.run("ls --fast --json").stdoutText
        #expect(ls.contains("\"lab1\"") && !ls.contains("\"lab2\"") && !ls.contains("\"gpu\""))
        // Importing the same file again adds nothing: same names are skipped.
        let again = try await herd.run(["host", "import", ssh + "/config", "--dry-run"])
        #expect(again.stdoutText.hasSuffix("0 would be added, 1 skipped, 2 duplicate, 0 rejected\n"))
    }

    @Test func wrongTypesAreRejectedNotCoerced() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let file = dir.file("pool.json")
        try #"[{"name": "a", "ssh": "u@a", "sudo": "yes"}, {"name": "b", "ssh": "u@b", "shared": 1}, {"name": "c", "ssh": "u@c"}]"#
            .write(toFile: file, atomically: true, encoding: .utf8)
        let r = try await HerdBinary(home: dir.file("home")).run(["host", "import", file])
        #expect(r.stdoutText.contains("rejected a: 'sudo' must be true or false, not the string \"yes\"\n"))
        #expect(r.stdoutText.contains("rejected b: 'shared' must be true or false, not the number 1\n"))
        #expect(r.stdoutText.contains("1 added, 0 skipped, 0 duplicate, 2 rejected"))
    }

    @Test func hostileFilesAreRefusedQuicklyWithOneLine() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        var bomb = #"a0: &a0 ["x","x","x","x","x","x","x","x","x"]"# + "\n"
        for i in 1...9 { bomb += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ",") + "]\n" }
        bomb += "workers: *a9\n"
        try bomb.write(toFile: dir.file("bomb.yaml"), atomically: true, encoding: .utf8)
        #expect(FileManager.default.createFile(atPath: dir.file("huge.json"), contents: nil))
        let h = try #require(FileHandle(forWritingAtPath: dir.file("huge.json")))
        try h.truncate(atOffset: 9 << 20)
        try h.close()
        for name in ["bomb.yaml", "huge.json"] {
            let start = ContinuousClock.now
            let r = try await HerdBinary(home: dir.file("home")).run(["host", "import", dir.file(name)])
            #expect(ContinuousClock.now - start < .seconds(1), "\(name)")
            #expect(r.status == 2 && r.stderrText.hasPrefix("herd: \(dir.file(name)): "), "\(name): \(r.stderrText)")
            #expect(r.stderrText.filter { $0 == "\n" }.count == 1, "\(name): \(r.stderrText)")
        }
    }
}

extension HostImportCommandTests {
    /// Names and values from the file never reach the terminal with their control characters.
    @Test func rejectedEntriesCannotForgeReportLines() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let file = dir.file("pool.json")
        try #"[{"name": "evil\nadded  fake (x)\u001b]0;t\u0007", "ssh": "u@a"}, {"name": "b", "ssh": "u@b", "sudo": "\u001b[2J"}]"#
            .write(toFile: file, atomically: true, encoding: .utf8)
        let r = try await HerdBinary(home: dir.file("home")).run(["host", "import", file])
        #expect(r.stdoutText.split(separator: "\n").count == 3, "\(r.stdoutText)")
        #expect(!r.stdoutText.unicodeScalars.contains { $0.value == 0x1b || $0.value == 0x07 })
        #expect(r.stdoutText.contains("0 added, 0 skipped, 0 duplicate, 2 rejected"))
    }
}
