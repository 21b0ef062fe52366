import Foundation
import HerdCore
import Testing

@Suite struct RosterImportTests {
    static func fixture(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/import/\(name)", withExtension: nil))
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test func poolJSON() throws {
        let r = try RosterImport.parse(Self.fixture("pool.json"), file: "pool.json")
        #expect(r.format == .poolJSON)
        #expect(r.hosts.map(\.name) == ["gpu1", "mac-mini", "build"])
        #expect(r.hosts[0] == Host(name: "gpu1", ssh: "ubuntu@10.0.0.11", sudo: true, os: "linux", description: "2x A100"))
        #expect(r.hosts[1].dedicated && !r.hosts[1].clean && r.hosts[1].os == "macos")
        #expect(r.hosts[2].tags == ["ci", "big"])
        #expect(r.rejected.isEmpty)
    }

    @Test func pConfigWorkers() throws {
        let r = try RosterImport.parse(Self.fixture("p_config.yaml"), file: "config.yaml")
        #expect(r.format == .pConfig)
        #expect(r.hosts.map(\.name) == ["big", "laptop", "small"])
        #expect(r.hosts.map(\.ssh) == ["alice@big.example.com", "laptop-alias", "ssh://alice@small.example.com:2200"])
        #expect(r.hosts[0].description == "64 cores")
        #expect(r.defaultHost == "big")
    }

    @Test func pDefaultWorkerNamingNoWorkerIsLeftOut() throws {
        let text = "default_worker: ghost\nworkers:\n  big: alice@big.example.com\n"
        #expect(try RosterImport.parse(text, file: "config.yaml").defaultHost == nil)
        let list = "default_worker: [big]\nworkers:\n  big: alice@big.example.com\n"
        #expect(try RosterImport.parse(list, file: "config.yaml").defaultHost == nil)
    }

    @Test func axisNodes() throws {
        let r = try RosterImport.parse(Self.fixture("axis_nodes.yaml"), file: "nodes.yaml")
        #expect(r.format == .axisNodes)
        #expect(r.hosts.map(\.ssh) == ["axis@192.168.1.21:22", "axis@192.168.1.22:2022", "axis@[fe80::1]:22"])
        #expect(r.hosts[1].tags == ["gpu"])
        #expect(r.rejected.map(\.name) == ["bad name"])
    }

    @Test func sshConfigAliasesSkipPatterns() throws {
        let r = try RosterImport.parse(Self.fixture("ssh_config"), file: "config")
        #expect(r.format == .sshConfig)
        #expect(r.hosts.map(\.name) == ["tb01", "tb02", "jump", "inner"])
        #expect(r.hosts.allSatisfy { $0.ssh == $0.name })
    }

    @Test func sshConfigEqualsSyntaxAndDuplicates() {
        let r = RosterImport.parse(lenient: "Host=a\nhost b a\n  HostName x\n")
        #expect(r?.hosts.map(\.name) == ["a", "b"])
        #expect(r?.rejected.isEmpty == true, "an alias in several Host blocks is one host")
    }

    @Test(arguments: [
        ("{\"hosts\": [", "f: line 1, column 12"),
        ("workers: [unclosed", "f:"),
        ("just: text\n", "f: no 'workers:'"),
        ("- a\n- b\n", "f: not a pool.json"),
    ])
    func badFilesNameTheFile(_ text: String, _ prefix: String) {
        #expect {
            try RosterImport.parse(text, file: "f")
        } throws: { error in
            "\(error)".hasPrefix(prefix) && !"\(error)".contains("\n")
        }
    }
}

extension RosterImport {
    /// Parses text that must not throw (helper for format tests).
    static func parse(lenient text: String) -> RosterImport? { try? parse(text, file: "t") }
}
