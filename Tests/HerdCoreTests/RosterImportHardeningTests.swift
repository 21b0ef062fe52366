import Foundation
import HerdCore
import Testing

/// `herd host import` against hostile or tricky files: ssh_config Include, duplicate targets, wrong types,
/// YAML alias bombs and huge files.
@Suite struct RosterImportHardeningTests {
    static var fixtures: String {
        get throws {
            try #require(Bundle.module.url(forResource: "Fixtures/import", withExtension: nil)).path
        }
    }

    static func parseFile(_ relative: String, sshDirectory: String? = nil) throws -> RosterImport {
        let path = try fixtures + "/" + relative
        return try RosterImport.parse(try RosterImport.readBounded(path), file: path, sshDirectory: sshDirectory ?? fixtures + "/sshdir", home: "/nonexistent")
    }

    @Test func includeFollowsGlobsRelativeToSSHDirectoryInOrder() throws {
        let r = try Self.parseFile("sshdir/config")
        #expect(r.format == .sshConfig)
        #expect(r.hosts.map(\.name) == ["lab1", "lab2", "tb01", "gpu1", "gpu1-again", "build"])
        let id = { (ssh: String) in r.resolution.identity(of: ssh, defaultUser: "me") }
        #expect(id("lab1") == "lab@10.1.0.1:22")
        #expect(id("tb01") == "me@tb01.example.com:2222")
        // Settings from a file included inside a Host block apply to that block.
        #expect(id("build") == "ci@build.example.com:22")
        #expect(id("gpu1") == id("gpu1-again"))
    }

    @Test func includeCycleIsOneLineErrorNamingTheFiles() throws {
        #expect {
            try Self.parseFile("cycle/a", sshDirectory: try Self.fixtures + "/cycle")
        } throws: { error in
            let text = "\(error)"
            return text.contains("Include cycle: a -> b -> a") && !text.contains("\n")
        }
    }

    @Test func includeDepthIsBounded() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("h5-include-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for i in 0..<40 { try "Host h\(i)\nInclude f\(i + 1)\n".write(toFile: "\(dir)/f\(i)", atomically: true, encoding: .utf8) }
        #expect {
            try RosterImport.parse(try RosterImport.readBounded("\(dir)/f0"), file: "\(dir)/f0", sshDirectory: dir, home: dir)
        } throws: { "\($0)".contains("Include nested deeper than 16 files") }
    }

    @Test func duplicatesInTheFileAndAgainstTheRosterAreNotAdded() throws {
        let r = try Self.parseFile("sshdir/config")
        let roster = [Host(name: "old-lab", ssh: "lab@10.1.0.2"), Host(name: "tb01", ssh: "tb01")]
        let d = r.removingDuplicates(of: roster, resolution: r.resolution, defaultUser: "me")
        #expect(d.hosts.map(\.name) == ["lab1", "tb01", "gpu1", "build"])
        #expect(d.duplicates.map(\.name) == ["lab2", "gpu1-again"])
        #expect(d.duplicates[0].reason == "already in the roster as 'old-lab' (lab@10.1.0.2:22)")
        #expect(d.duplicates[1].reason == "same machine as 'gpu1' above (ubuntu@10.0.0.11:22)")
    }

    @Test func literalTargetsCompareByUserHostAndPort() throws {
        let r = try Self.parseFile("p_duplicates.yaml")
        let d = r.removingDuplicates(of: [], resolution: SSHConfigResolution(), defaultUser: "alice")
        #expect(d.hosts.map(\.name) == ["a", "c", "d"])
        #expect(d.duplicates.map(\.name) == ["b"])
        // With the default user, a bare host is the same machine as user@host.
        let bare = d.removingDuplicates(of: [Host(name: "x", ssh: "box.example.com")], resolution: SSHConfigResolution(), defaultUser: "alice")
        #expect(bare.hosts.map(\.name) == ["c", "d"])
    }

    @Test func wrongTypesInPoolJSONAreRejectedNamingTheKey() throws {
        let r = try Self.parseFile("pool_wrong_types.json")
        #expect(r.hosts.map(\.name) == ["ok"])
        let why = Dictionary(r.rejected.map { ($0.name, $0.reason) }, uniquingKeysWith: { a, _ in a })
        #expect(why["sudo-string"] == "'sudo' must be true or false, not the string \"yes\"")
        #expect(why["shared-number"] == "'shared' must be true or false, not the number 1")
        #expect(why["#4"] == "'name' must be a string, not the number 42")
        #expect(why["tags-string"] == "'tags' must be a list of strings, not the string \"gpu\"")
        #expect(why["ssh-number"] == "'ssh' must be a string, not the number 7")
        #expect(why["clean-null"] == "'clean' must be true or false, not null")
        #expect(why["desc-bool"] == "'description' must be a string, not true")
        #expect(r.rejected.count == 7)
    }

    @Test func wrongTypesInYAMLAreRejectedNamingTheKey() throws {
        let r = try Self.parseFile("axis_wrong_types.yaml")
        #expect(r.hosts.map(\.ssh) == ["axis@10.0.0.1:2022"])
        let why = Dictionary(r.rejected.map { ($0.name, $0.reason) }, uniquingKeysWith: { a, _ in a })
        #expect(why["port-string"] == "'ssh_port' must be an integer, not the string \"22\"")
        #expect(why["sudo-quoted"] == "'sudo' must be true or false, not the string \"yes\"")
        #expect(why["port-range"] == "'ssh_port' must be between 1 and 65535, not 70000")
        #expect(why["hostname-number"] == "'hostname' must be a string, not the number 12")
        let list = try RosterImport.parse("workers:\n- name: 123\n  connection: u@h\n- connection: u@g\n- name: ok\n  connection: u@k\n", file: "w")
        #expect(list.hosts.map(\.name) == ["ok"])
        #expect(list.rejected == [
            .init(name: "#1", reason: "'name' must be a string, not the number 123"), .init(name: "#2", reason: "missing 'name'"),
        ])
    }

    @Test func aliasBombIsRefusedQuickly() throws {
        let start = ContinuousClock.now
        #expect {
            try Self.parseFile("alias_bomb.yaml")
        } throws: { error in
            "\(error)".contains("once aliases are expanded") && !"\(error)".contains("\n")
        }
        #expect(ContinuousClock.now - start < .milliseconds(500))
    }

    @Test(arguments: [
        String(repeating: "[", count: 200_000),
        "workers:\n" + (0..<600).map { String(repeating: " ", count: $0 + 1) + "k\($0):" }.joined(separator: "\n"),
    ])
    func deepNestingIsRefusedQuickly(_ text: String) {
        let start = ContinuousClock.now
        #expect(throws: HerdError.self) { try RosterImport.parse(text, file: "deep.yaml") }
        #expect(ContinuousClock.now - start < .milliseconds(500))
    }

    /// libyaml's own nesting limit (block sequences and complex keys on one line): the error stays one short line
    /// with no control character from the file.
    @Test(arguments: ["- ", "? "])
    func parserErrorsAreOneShortLine(_ unit: String) {
        let text = String(repeating: unit, count: 100_000) + "x\u{1b}]0;title\u{7}"
        #expect {
            try RosterImport.parse(text, file: "f.yaml")
        } throws: { error in
            let s = "\(error)"
            return s.hasPrefix("f.yaml: ") && s.count <= 220 && !s.contains("\n") && !s.unicodeScalars.contains { $0.value < 0x20 }
        }
    }

    @Test func unreadableInputsNameTheFile() throws {
        #expect { try RosterImport.readBounded("/nonexistent/x") } throws: { "\($0)" == "/nonexistent/x: cannot read: no such file or not readable" }
        #expect { try RosterImport.readBounded("/tmp") } throws: { "\($0)" == "/tmp: is a directory, not a file" }
    }

    @Test func hugeFilesAreRefusedUnread() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("h5-huge-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let h = try #require(FileHandle(forWritingAtPath: path))
        try h.truncate(atOffset: UInt64(RosterImport.maxFileBytes) + 1)
        try h.close()
        let big = String(repeating: " ", count: RosterImport.maxFileBytes + 1)
        let start = ContinuousClock.now
        #expect {
            try RosterImport.readBounded(path)
        } throws: { "\($0)" == "\(path): larger than 8 MiB; refused" }
        #expect(throws: HerdError.self) { try RosterImport.parse(big, file: "big") }
        #expect(ContinuousClock.now - start < .milliseconds(500))
    }
}
