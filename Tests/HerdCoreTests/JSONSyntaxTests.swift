import HerdCore
import Testing

@Suite struct JSONSyntaxTests {
    @Test(arguments: ["{}", "[]", " {\"a\": [1, -2.5e3, true, false, null, \"x\\u00e9\\n\"]} ", "0", "\"s\""])
    func acceptsValidDocuments(_ text: String) {
        #expect(JSONSyntax.check(Array(text.utf8)) == nil)
    }

    @Test(arguments: [
        ("{\"a\": 1", 1, 8, "end of file"),
        ("{\n  \"hosts\": [\n    {\"name\": \"a\",}\n  ]\n}", 3, 18, "quoted key"),
        ("[1 2]", 1, 4, "expected ',' or ']'"),
        ("{\"a\": tru}", 1, 7, "invalid literal"),
        ("{} x", 1, 4, "after the end"),
        ("{\"é\": x}", 1, 7, "expected a value"),
        ("[\"a\tb\"]", 1, 4, "control character"),
        ("[01]", 1, 3, "expected ',' or ']'"),
        ("", 1, 1, "end of file"),
    ])
    func reportsFirstErrorPosition(_ text: String, _ line: Int, _ column: Int, _ fragment: String) throws {
        let failure = try #require(JSONSyntax.check(Array(text.utf8)))
        #expect(failure.line == line)
        #expect(failure.column == column)
        #expect(failure.message.contains(fragment))
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000)
        #expect(JSONSyntax.check(Array(deep.utf8))?.message.contains("nesting") == true)
    }
}
