import Foundation
import HerdTestSupport
import Testing

/// Every command faced with a corrupt hosts.json: one line naming the file and position, exit 2, file untouched.
@Suite(.timeLimit(.minutes(2))) struct CorruptRosterTests {
    static let good = #"{"hosts": [{"name": "tb01", "ssh": "u@h"}, {"name": "tb02", "ssh": "v@w"}]}"#

    static let corruptions: [(String, String)] = [
        (String(good.prefix(30)), "line 1, column 31: unexpected end of file inside a string"),
        (String(good.prefix(42)), "line 1, column 43: unexpected end of file, expected a value"),
        ("{\"hosts\": [\n  {\"name\": \"tb01\" \"ssh\": \"u@h\"}\n]}", "line 2, column 19: expected ',' or '}', found '\"'"),
        ("", "line 1, column 1: file is empty (expected a JSON object)"),
        ("\u{0}\u{1}garbage", "line 1, column 1: expected a value, found byte 0x0"),
    ]

    static let commands: [[String]] = [
        ["ls", "--fast"], ["ls", "--fast", "--json"], ["ls"], [],
        ["host", "add", "tb03", "x@y"], ["host", "rm", "tb01"], ["host", "desc", "tb01", "new"], ["host", "desc", "tb01"],
        ["host", "set", "tb01", "--dedicated"], ["host", "default", "tb01"],
    ]

    @Test(arguments: 0..<5)
    func everyCommandRefusesAndLeavesTheFile(_ index: Int) async throws {
        let (content, position) = Self.corruptions[index]
        let dir = try TempDir()
        defer { dir.remove() }
        let herd = HerdBinary(home: dir.path)
        let file = dir.file("hosts.json")
        try Data(content.utf8).write(to: URL(fileURLWithPath: file))
        let importFile = dir.file("import.json")
        try Data(#"[{"name": "zz", "ssh": "zz"}]"#.utf8).write(to: URL(fileURLWithPath: importFile))
        for args in Self.commands + [["host", "import", importFile]] {
            let r = try await herd.run(args)
            #expect(r.status == 2, "\(args)")
            #expect(r.stderrText == "herd: \(file): \(position)\n", "\(args)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == Data(content.utf8), "\(args)")
        }
    }

    @Test func corruptImportFileNamesItsPosition() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let herd = HerdBinary(home: dir.path)
        let bad = dir.file("pool.json")
        try Data("[{\"name\": \"a\",\n \"ssh\": }]".utf8).write(to: URL(fileURLWithPath: bad))
        let r = try await herd.run(["host", "import", bad])
        #expect(r.status == 2)
        #expect(r.stderrText == "herd: \(bad): line 2, column 9: expected a value, found '}'\n")
        let missing = try await herd.run(["host", "import", dir.file("nope.yaml")])
        #expect(missing.status == 2)
        #expect(missing.stderrText.hasPrefix("herd: \(dir.file("nope.yaml")): cannot read"))
    }
}
