import HerdCore
import Testing

/// Commands that act on one host refuse a selector matching several, listing the matches.
@Suite struct SingleHostTests {
    static let hosts: [Host] = (1...3).map { Host(name: String(format: "tb%02d", $0), ssh: "x", tags: ["gpu"]) }
        + [Host(name: "solo", ssh: "x", shared: false)]

    @Test(arguments: ["tb[01-03]", "@gpu", "tb01,tb02", "all"])
    func severalMatchesAreRefused(_ expr: String) throws {
        #expect {
            try TargetSelector.single(expr, in: Self.hosts)
        } throws: { error in
            let m = "\(error)"
            return m.contains("'\(expr)' matches") && m.contains("tb01") && m.contains("tb02") && m.contains("one host") && !m.contains("\n")
        }
    }

    @Test(arguments: [("tb02", "tb02"), ("solo", "solo"), ("tb0[2]", "tb02")])
    func oneMatchIsTheHost(_ expr: String, _ name: String) throws {
        #expect(try TargetSelector.single(expr, in: Self.hosts).name == name)
    }

    @Test func rosterEditsByNameListWhatASelectorWouldMatch() {
        var roster = Roster(hosts: Self.hosts)
        #expect {
            try roster.update("tb[01-02]") { $0.description = "x" }
        } throws: { error in "\(error)".contains("matches 2 hosts (tb01, tb02)") }
        #expect(throws: HerdError.self) { try roster.setDefault("@gpu") }
        #expect(roster.hosts.allSatisfy { $0.description.isEmpty })
    }
}
