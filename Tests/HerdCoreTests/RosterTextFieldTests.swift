import HerdCore
import Testing

/// Stored free-text fields (description, OS, notes) refuse control characters at write time.
@Suite struct RosterTextFieldTests {
    static let hostile = ["two\nlines", "tab\there", "title\u{1B}]0;pwned\u{07}", "clip\u{1B}]52;c;Zm9v\u{07}", "c1\u{9B}2J", "cr\rforged"]

    @Test(arguments: hostile) func addRefusesAControlInTheDescription(_ text: String) {
        var r = Roster()
        #expect(throws: HerdError.self) { try r.add(Host(name: "a", ssh: "u@h", description: text)) }
        #expect(r.hosts.isEmpty)
    }

    @Test(arguments: hostile) func updateRefusesAControlInTheDescriptionOrOS(_ text: String) throws {
        var r = Roster()
        try r.add(Host(name: "a", ssh: "u@h", description: "fine — ü"))
        #expect(throws: HerdError.self) { try r.update("a") { $0.description = text } }
        #expect(throws: HerdError.self) { try r.update("a") { $0.os = text } }
        #expect(r.hosts[0].description == "fine — ü" && r.hosts[0].os == "")
    }

    @Test func theErrorIsOneCleanLine() {
        var r = Roster()
        do {
            try r.add(Host(name: "a", ssh: "u@h", description: "x\n\u{1B}]0;t\u{07}y"))
            Issue.record("no error")
        } catch {
            let text = "\(error)"
            #expect(!TerminalText.hasControlCharacters(text), "\(text)")
            #expect(text.contains("description of a"))
        }
    }

    @Test func importRejectsTheHostNotTheFile() throws {
        let json = #"[{"name": "ok", "ssh": "u@ok"}, {"name": "bad", "ssh": "u@bad", "description": "line\nforged  row"}]"#
        let r = try RosterImport.parse(json, file: "pool.json")
        #expect(r.hosts.map(\.name) == ["ok"])
        #expect(r.rejected.map(\.name) == ["bad"])
        #expect(r.rejected.first?.reason.contains("control characters") == true)
    }

    @Test func tableCellsCannotForgeRowsOrEscape() {
        let t = TextTable(header: ["NAME", "DESC"], rows: [["a", "x\nb  forged\u{1B}]0;t\u{07}\u{1B}[2J"]])
        #expect(t.render() == "NAME  DESC\na     x b  forged\n")
    }
}
