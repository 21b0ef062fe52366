import HerdCore
import Testing

@Suite struct TargetSelectorTests {
    static let hosts: [Host] = {
        var hs = (1...12).map { Host(name: String(format: "tb%02d", $0), ssh: "x", tags: $0 <= 3 ? ["gpu"] : []) }
        hs[1].shared = false  // tb02 dedicated, tagged gpu
        hs += (1...8).map { Host(name: "node\($0)", ssh: "x") }
        hs.append(Host(name: "solo", ssh: "x", shared: false))
        return hs
    }()

    /// One selection case: expression, exclusions, expected names in roster order.
    struct Case: Sendable, CustomTestStringConvertible {
        let expr: String
        let exclude: [String]
        let expected: [String]
        var testDescription: String { "\(expr) minus \(exclude)" }
        init(_ expr: String, _ expected: [String], exclude: [String] = []) {
            self.expr = expr
            self.expected = expected
            self.exclude = exclude
        }
    }

    static let sharedTB: [String] = (1...12).filter { $0 != 2 }.map { String(format: "tb%02d", $0) }
    static let nodes: [String] = (1...8).map { "node\($0)" }

    static let cases: [Case] = [
        Case("tb01", ["tb01"]),
        Case("tb01,tb03,solo", ["tb01", "tb03", "solo"]),
        Case("tb[01-03]", ["tb01", "tb02", "tb03"]),
        Case("tb[01-04]", ["tb01", "tb04"], exclude: ["tb[02-03]"]),
        Case("node[1-3,7]", ["node1", "node2", "node3", "node7"]),
        Case("@gpu", ["tb01", "tb03"]),
        Case("all", sharedTB + nodes),
        Case("all", nodes, exclude: ["tb[04-12]", "@gpu"]),
        Case("all", nodes, exclude: ["tb[01-12]"]),
        Case("tb02", ["tb02"]),
        Case(" tb01 , node8 ", ["tb01", "node8"]),
        Case("all,solo", sharedTB + nodes + ["solo"]),
    ]

    @Test(arguments: cases)
    func selects(_ c: Case) throws {
        let picked = try TargetSelector(c.expr, exclude: c.exclude).resolve(in: Self.hosts).map(\.name)
        #expect(picked == c.expected)
    }

    @Test func resultFollowsRosterOrderWithoutDuplicates() throws {
        let picked = try TargetSelector("node2,tb01,node2,tb[01-01]").resolve(in: Self.hosts).map(\.name)
        #expect(picked == ["tb01", "node2"])
    }

    @Test func unknownNamesSuggest() {
        #expect(throws: HerdError.unknownHost("tb1", suggestion: "tb01")) {
            try TargetSelector("tb1").resolve(in: Self.hosts)
        }
        #expect(throws: HerdError.unknownHost("tb13", suggestion: "tb10")) {
            try TargetSelector("tb[10-13]").resolve(in: Self.hosts)
        }
        #expect(throws: HerdError.unknownHost("nod1", suggestion: "node1")) {
            try TargetSelector("all", exclude: ["nod1"]).resolve(in: Self.hosts)
        }
    }

    @Test(arguments: ["tb[01-", "tb01]", "tb[]", "tb[3-1]", "tb[a-b]", "a,,b", "", "@", "@bad tag", "tb[1-99999]", "x y"])
    func refusesBadSyntax(_ expr: String) {
        #expect(throws: HerdError.self) { try TargetSelector(expr).resolve(in: Self.hosts) }
    }

    @Test func unknownTagAndEmptyResultsAreErrors() {
        #expect(throws: HerdError.invalidInput("no host has tag 'gpus' (did you mean @gpu?)")) {
            try TargetSelector("@gpus").resolve(in: Self.hosts)
        }
        #expect(throws: HerdError.self) { try TargetSelector("tb01", exclude: ["tb01"]).resolve(in: Self.hosts) }
    }

    @Test func everyIncludesDedicatedHosts() throws {
        let picked = try TargetSelector.every(exclude: ["node[1-8]", "@gpu"]).resolve(in: Self.hosts).map(\.name)
        #expect(picked == (4...12).map { String(format: "tb%02d", $0) } + ["solo"])
    }

    @Test func rangesKeepZeroPaddingWidth() throws {
        let terms = try TargetSelector.parse("n[8-10],m[008-010]")
        #expect(terms == ["n8", "n9", "n10", "m008", "m009", "m010"].map { .name($0) })
    }
}
