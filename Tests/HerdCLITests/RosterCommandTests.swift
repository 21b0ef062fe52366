import Foundation
import HerdTestSupport
import Testing

/// `herd host …` and `herd ls --fast` run as processes against a private HERD_HOME.
@Suite(.timeLimit(.minutes(2))) struct RosterCommandTests {
    /// Decoded `herd ls --json` rows.
    struct Row: Decodable, Equatable {
        var name: String
        var ssh: String
        var sudo: Bool
        var shared: Bool
        var clean: Bool
        var description: String
        var tags: [String]
    }

    func rows(_ herd: HerdBinary) async throws -> [Row] {
        let r = try await herd.run(["ls", "--fast", "--json"])
        #expect(r.status == 0, "\(r.stderrText)")
        return try JSONDecoder().decode(Listing.self, from: r.stdout).hosts
    }

    /// The document around the rows.
    struct Listing: Decodable {
        var hosts: [Row]
    }

    @Test func emptyRosterListsTheLocalMachine() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let herd = HerdBinary(home: dir.file("home"))
        let r = try await herd.run("ls --fast")
        #expect(r.status == 0)
        let lines = r.stdoutText.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("NAME"))
        #expect(lines[1].hasPrefix("local "))
        #expect(try await rows(herd).map(\.name) == ["local"])
    }

    @Test func addSetDescRmAndListAsJSONAndYAML() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let herd = HerdBinary(home: dir.file("home"))
        #expect(try await herd.run(["host", "add", "tb01", "alice@10.0.0.1:2222", "--sudo", "--tag", "gpu", "--desc", "big box"]).status == 0)
        #expect(try await herd.run("host add tb02 tb02 --dedicated --no-clean").status == 0)
        #expect(try await rows(herd) == [
            Row(name: "tb01", ssh: "alice@10.0.0.1:2222", sudo: true, shared: true, clean: true, description: "big box", tags: ["gpu"]),
            Row(name: "tb02", ssh: "tb02", sudo: false, shared: false, clean: false, description: "", tags: []),
        ])
        let table = try await herd.run("ls --fast").stdoutText
        // The first host added is the default (`*`), which widens the name column by one.
        #expect(table.contains("tb01*") && table.contains("tb02   [ded]  tb02"), "\(table)")
        #expect(try await herd.run("host set tb02 --shared --clean --sudo --add-tag x").status == 0)
        #expect(try await herd.run(["host", "desc", "tb02", "two", "words"]).status == 0)
        #expect(try await herd.run("host desc tb02").stdoutText == "two words\n")
        #expect(try await rows(herd)[1] == Row(name: "tb02", ssh: "tb02", sudo: true, shared: true, clean: true, description: "two words", tags: ["x"]))
        #expect(try await herd.run("host default tb02").status == 0)
        #expect(try await herd.run("ls --fast").stdoutText.contains("tb02*"))
        let yaml = try await herd.run("ls --fast --yaml tb01").stdoutText
        #expect(yaml.contains("name: tb01") && yaml.contains("ssh: alice@10.0.0.1:2222") && !yaml.contains("name: tb02"))
        #expect(try await herd.run("host rm tb01").status == 0)
        #expect(try await rows(herd).map(\.name) == ["tb02"])
    }

    @Test func importThenListShowsTheImportedHosts() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let herd = HerdBinary(home: dir.file("home"))
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../HerdCoreTests/Fixtures/import").standardized.path
        let dry = try await herd.run(["host", "import", "\(fixtures)/pool.json", "--dry-run"])
        #expect(dry.status == 0)
        #expect(dry.stdoutText.contains("would add  gpu1 (ubuntu@10.0.0.11)"))
        #expect(try await rows(herd).map(\.name) == ["local"])
        #expect(try await herd.run("host add gpu1 other@host").status == 0)
        let real = try await herd.run(["host", "import", "\(fixtures)/pool.json"])
        #expect(real.stdoutText.contains("skipped  gpu1 (already present)"))
        #expect(real.stdoutText.contains("2 added, 1 skipped, 0 duplicate, 0 rejected"))
        for f in ["p_config.yaml", "axis_nodes.yaml", "ssh_config"] {
            #expect(try await herd.run(["host", "import", "\(fixtures)/\(f)"]).status == 0)
        }
        // tb02 has tb01's HostName and User in the ssh_config: the same machine, so a duplicate, not added.
        let names = try await rows(herd).map(\.name)
        #expect(names == ["gpu1", "mac-mini", "build", "big", "laptop", "small", "n1", "n2", "n3", "tb01", "jump", "inner"])
        #expect(try await rows(herd).first { $0.name == "small" }?.ssh == "alice@small.example.com:2200")
    }

    @Test(arguments: ["bad name", "a;b", "a$b", "a/b", "", String(repeating: "x", count: 65)])
    func invalidNamesAreRefused(_ name: String) async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let herd = HerdBinary(home: dir.file("home"))
        let r = try await herd.run(["host", "add", name, "u@h"])
        #expect(r.status == 2)
        #expect(r.stderrText.hasPrefix("herd: host name"))
        #expect(r.stderrText.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: dir.file("home/hosts.json")))
    }

    @Test func duplicateNamesAndUnknownHostsAreRefused() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let herd = HerdBinary(home: dir.file("home"))
        #expect(try await herd.run("host add tb01 u@h").status == 0)
        let dup = try await herd.run("host add tb01 v@w")
        #expect(dup.status == 2)
        #expect(dup.stderrText == "herd: host 'tb01' is already in the roster\n")
        for args in ["host rm tb1", "host desc tb1 x", "host desc tb1", "host set tb1 --sudo", "host default tb1", "ls tb1"] {
            let r = try await herd.run(args)
            #expect(r.status == 2, "\(args)")
            #expect(r.stderrText == "herd: unknown host 'tb1' (did you mean tb01?)\n", "\(args)")
        }
        let bad = try await herd.run("host add tb09 -oProxyCommand=evil")
        #expect(bad.status == 2)
    }
}

/// `herd facts` and a live `herd ls` of the implicit local host (no ssh involved).
@Suite(.timeLimit(.minutes(1))) struct LocalHostCommandTests {
    @Test func factsDescribeThisMachine() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let r = try await HerdBinary(home: dir.path).run(["facts", "--json"])
        #expect(r.status == 0, "\(r.stderrText)")
        let f = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
        #expect(f["os"] as? String == "linux")
        #expect((f["cores"] as? Int ?? 0) >= 1)
        #expect((f["ram_total"] as? Int ?? 0) > 0)
        #expect((f["disks"] as? [Any])?.isEmpty == false)
        #expect((f["tools"] as? [String: String])?["tmux"] != nil)
        let text = try await HerdBinary(home: dir.path).run(["facts"])
        #expect(text.stdoutText.contains("cpu ") && text.stdoutText.contains("tools "))
    }

    @Test func lsProbesTheLocalHostWithoutSSH() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let herd = HerdBinary(home: dir.path, environment: ["PATH": "/usr/bin:/bin", "HERD_SSH_CONFIG": "/nonexistent"])
        let r = try await herd.run(["ls", "--json"])
        #expect(r.status == 0, "\(r.stderrText)")
        let rows = try #require((try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])?["hosts"] as? [[String: Any]])
        #expect(rows.count == 1 && rows[0]["name"] as? String == "local" && rows[0]["status"] as? String == "complete")
        let yaml = try await herd.run(["snapshot", "--yaml"])
        #expect(yaml.stdoutText.contains("up: 1") && !yaml.stdoutText.contains("e+"))
    }

    /// `herd host add` refuses a target another roster host already reaches (as `herd host import` does), so that
    /// `herd on all` never runs twice on one machine; `--allow-duplicate` overrides.
    @Test func addRefusesATargetAnotherHostAlreadyHas() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let herd = HerdBinary(home: dir.file("home"), environment: ["HERD_SSH_CONFIG": dir.file("none")])
        #expect(try await herd.run(["host", "add", "a", "u@10.0.0.1"]).status == 0)
        let twice = try await herd.run(["host", "add", "b", "u@10.0.0.1:22"])
        #expect(twice.status == 2)
        #expect(twice.stderrText == "herd: host 'b': already in the roster as 'a' (u@10.0.0.1:22); add it anyway with --allow-duplicate\n")
        #expect(try await herd.run(["host", "add", "c", "u@10.0.0.1:2222"]).status == 0)
        #expect(try await herd.run(["host", "add", "d", "v@10.0.0.1"]).status == 0)
        #expect(try await herd.run(["host", "add", "b", "u@10.0.0.1", "--allow-duplicate"]).status == 0)
        #expect(try await RosterCommandTests().rows(herd).map(\.name) == ["a", "c", "d", "b"])
    }
}
