@testable import HerdCore
import Testing

/// `herd on --diff`: the majority choice and the unified diffs against it.
@Suite struct OutputDiffTests {
    @Test func majorityIsTheMostCommonOutputAndOthersDiffAgainstIt() throws {
        let d = try #require(OutputDiff([
            (host: "w1", output: "a\nb\nc\n"), (host: "w2", output: "a\nX\nc\n"),
            (host: "w3", output: "a\nb\nc\n"), (host: "w4", output: "a\nb\nc\n"),
        ]))
        #expect(d.majority.hosts == ["w1", "w3", "w4"])
        #expect(d.majority.diff == "")
        #expect(d.others.count == 1)
        #expect(d.others[0].hosts == ["w2"])
        #expect(d.others[0].diff == "@@ -1,3 +1,3 @@\n a\n-b\n+X\n c\n")
    }

    @Test func tiesGoToTheOutputWhoseFirstHostSortsFirstWhateverTheOrder() throws {
        let one = try #require(OutputDiff([(host: "b", output: "2\n"), (host: "a", output: "1\n")]))
        let two = try #require(OutputDiff([(host: "a", output: "1\n"), (host: "b", output: "2\n")]))
        #expect(one.majority.hosts == ["a"])
        #expect(two.majority.hosts == ["a"])
        #expect(one.others.map(\.hosts) == [["b"]])
    }

    @Test func identicalOutputsHaveNoOthersAndNoHostsGiveNil() throws {
        let d = try #require(OutputDiff([(host: "a", output: "x"), (host: "b", output: "x")]))
        #expect(d.others.isEmpty)
        #expect(OutputDiff([]) == nil)
    }

    @Test func hunksKeepThreeLinesOfContextAndSplitFarChanges() {
        let a = (1...20).map { "l\($0)\n" }.joined()
        var lines = (1...20).map { "l\($0)" }
        lines[1] = "two"
        lines[17] = "eighteen"
        let b = lines.map { $0 + "\n" }.joined()
        let expected = """
            @@ -1,5 +1,5 @@
             l1
            -l2
            +two
             l3
             l4
             l5
            @@ -15,6 +15,6 @@
             l15
             l16
             l17
            -l18
            +eighteen
             l19
             l20

            """
        #expect(UnifiedDiff.text(from: a, to: b) == expected)
    }

    @Test func insertionsDeletionsEmptyAndMissingNewline() {
        #expect(UnifiedDiff.text(from: "a\nb\n", to: "a\nb\n") == "")
        #expect(UnifiedDiff.text(from: "", to: "x\n") == "@@ -0,0 +1 @@\n+x\n")
        #expect(UnifiedDiff.text(from: "x\n", to: "") == "@@ -1 +0,0 @@\n-x\n")
        #expect(UnifiedDiff.text(from: "a\nb\n", to: "a\nnew\nb\n") == "@@ -1,2 +1,3 @@\n a\n+new\n b\n")
        #expect(UnifiedDiff.text(from: "a\n", to: "a") == "@@ -1 +1 @@\n-a\n+a\n\\ No newline at end of file\n")
    }

    @Test func aDiffPastTheEditBoundIsAWholeReplacementNotAHang() {
        let n = UnifiedDiff.maxEdits * 2
        let a = (0..<n).map { "a\($0)\n" }.joined()
        let b = (0..<n).map { "b\($0)\n" }.joined()
        let clock = ContinuousClock()
        let start = clock.now
        let text = UnifiedDiff.text(from: a, to: b)
        #expect(clock.now - start < .seconds(5))
        #expect(text.hasPrefix("@@ -1,\(n) +1,\(n) @@\n-a0\n"))
        #expect(text.split(separator: "\n").count == 1 + 2 * n)
    }

    @Test func minimalScriptMatchesASmallExhaustiveCase() {
        // Myers finds the shortest script: abcabba -> cbabac needs 5 edits (the paper's example).
        let a = "a b c a b b a".split(separator: " ").map(String.init)
        let b = "c b a b a c".split(separator: " ").map(String.init)
        let ops = UnifiedDiff.script(a, b)
        let edits = ops.filter { if case .keep = $0 { return false } else { return true } }.count
        #expect(edits == 5)
        // Applying the script to a gives b.
        var out: [String] = []
        for op in ops {
            switch op {
            case .keep(let i, _): out.append(a[i])
            case .add(let j): out.append(b[j])
            case .remove: break
            }
        }
        #expect(out == b)
    }
}
