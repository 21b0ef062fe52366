import HerdCore
import Testing

@Suite struct HostRangeTests {
    @Test(arguments: [
        ([String](["tb01", "tb02", "tb03", "tb04", "tb05", "tb06", "tb07", "tb09"]), "tb[01-07,09]"),
        ([String](["tb01"]), "tb01"),
        ([String](["node1", "node3", "node2", "gpu-a", "node10"]), "node[1-3,10],gpu-a"),
        ([String](["a1", "b1", "a2"]), "a[1-2],b1"),
        ([String](["x", "x"]), "x"),
        ([String](["tb1", "tb01"]), "tb1,tb01"),
        ([String](), ""),
    ] as [([String], String)])
    func folds(_ names: [String], _ folded: String) {
        #expect(HostRange.fold(names) == folded)
    }

    @Test func foldedRangesExpandBack() throws {
        let numbers: [Int] = (1...32).filter { $0 % 5 != 0 }
        let names: [String] = numbers.map { n in n < 10 ? "tb0\(n)" : "tb\(n)" }
        let hosts = names.map { Host(name: $0, ssh: $0) }
        #expect(try TargetSelector(HostRange.fold(names)).resolve(in: hosts).map(\.name) == names)
    }
}

@Suite struct ExecSummaryTests {
    static func r(_ h: String, _ s: Int32?, timedOut: Bool = false, out: String = "") -> ExecResult {
        ExecResult(host: h, status: s, timedOut: timedOut, stdout: out, stderr: "", durationMs: 1)
    }

    @Test func namesFailedAndTimedOutHosts() {
        let s = ExecSummary([Self.r("tb01", 0), Self.r("tb02", 2), Self.r("tb03", nil, timedOut: true), Self.r("tb04", 124, timedOut: true)])
        #expect(s.line == "4 hosts: 1 ok, 1 failed (tb02 exit 2), 2 timed out (tb[03-04])")
        #expect(!s.allSucceeded)
        #expect(ExecSummary([Self.r("a", 0)]).line == "1 host: 1 ok")
    }

    @Test func groupsIdenticalOutput() {
        let g = OutputGrouping.group([Self.r("tb01", 0, out: "Linux\n"), Self.r("tb03", 0, out: "Darwin\n"), Self.r("tb02", 0, out: "Linux\n")])
        #expect(g.map(\.header) == ["tb[01-02] (2)", "tb03 (1)"])
        #expect(g.map(\.output) == ["Linux\n", "Darwin\n"])
    }
}

@Suite struct RemoteCommandTests {
    @Test func singleWordIsAShellLineSeveralAreQuoted() {
        #expect(RemoteCommand.shellText(["df -h | grep /"]) == "df -h | grep /")
        #expect(RemoteCommand.shellText(["printf", "%s\\n", "a b", "$HOME", ";"]) == "printf '%s\\n' 'a b' '$HOME' ';'")
    }
}
