import Foundation
import HerdTestSupport
import Testing

/// `herd host add TARGET` without a NAME, the first host as default, and p's `default_worker` on import.
@Suite(.timeLimit(.minutes(2))) struct HostAddNamingTests {
    /// The roster file's `default`.
    func defaultHost(_ dir: TempDir) throws -> String? {
        let data = try Data(contentsOf: URL(fileURLWithPath: dir.file("home/hosts.json")))
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["default"] as? String
    }

    func roster(_ herd: HerdBinary) async throws -> [String: Any] {
        let r = try await herd.run(["ls", "--fast", "--json"])
        return try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any] ?? [:]
    }

    @Test func targetAloneNamesTheHostAndTheFirstHostBecomesTheDefault() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let herd = HerdBinary(home: dir.file("home"))
        let first = try await herd.run(["host", "add", "me@gpu1.lab:2222"])
        #expect(first.status == 0, "\(first.stderrText)")
        #expect(first.stdoutText.hasPrefix("added gpu1.lab (me@gpu1.lab:2222), the default host"), "\(first.stdoutText)")
        let second = try await herd.run(["host", "add", "build", "ci@build.lan"])
        #expect(second.status == 0)
        #expect(!second.stdoutText.contains("default"))
        let doc = try await roster(herd)
        let names = (doc["hosts"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(names == ["gpu1.lab", "build"])
        #expect(try defaultHost(dir) == "gpu1.lab")
        // A later add never moves an existing default.
        #expect(try await herd.run(["host", "rm", "gpu1.lab"]).status == 0)
        #expect(try await herd.run(["host", "default", "build"]).status == 0)
        let third = try await herd.run(["host", "add", "alias3"])
        #expect(third.status == 0)
        #expect(!third.stdoutText.contains("default"))
        #expect(try defaultHost(dir) == "build")
        // A host part that is no usable name is refused, asking for one.
        let odd = try await herd.run(["host", "add", "me@[fe80::1]:22"])
        #expect(odd.status == 2)
        #expect(odd.stderrText.contains("herd host add NAME"), "\(odd.stderrText)")
    }

    @Test func pDefaultWorkerBecomesTheDefaultWhenNoneIsSet() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let herd = HerdBinary(home: dir.file("home"))
        let file = dir.file("config.yaml")
        try "default_worker: big\nworkers:\n  small: alice@small.example.com\n  big: alice@big.example.com\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let r = try await herd.run(["host", "import", file])
        #expect(r.status == 0, "\(r.stderrText)")
        #expect(r.stdoutText.contains("set the default host: big"), "\(r.stdoutText)")
        #expect(try defaultHost(dir) == "big")
    }
}
