import HerdCore
import Testing

@Suite struct HostNameTests {
    @Test(arguments: ["tb01", "gpu-box", "a", "node_7.lab", "A1", String(repeating: "x", count: 64)])
    func acceptsValidNames(_ name: String) throws {
        try HostName.validate(name)
    }

    @Test(arguments: [
        ("", "empty"), ("bad name", "a space"), ("a;b", "';'"), ("a$b", "'$'"), ("a/b", "'/'"),
        (String(repeating: "x", count: 65), "at most 64"), ("-x", "start with"), ("ümlaut", "U+FC"), ("a\tb", "a tab"),
    ])
    func refusesInvalidNames(_ name: String, _ fragment: String) {
        #expect {
            try HostName.validate(name)
        } throws: { error in
            guard case HerdError.invalidInput(let m) = error else { return false }
            return m.contains(fragment)
        }
    }
}
