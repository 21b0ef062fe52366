import HerdCore
import Testing

@Suite struct SSHTargetTests {
    @Test(arguments: [
        ("alice@big", "alice", "big", nil as Int?, "alice@big"),
        ("alice@big:2222", "alice", "big", 2222, "alice@big:2222"),
        ("tb01", nil, "tb01", nil, "tb01"),
        ("ssh://bob@10.0.0.1:2200", "bob", "10.0.0.1", 2200, "bob@10.0.0.1:2200"),
        ("ssh://bob@10.0.0.1/", "bob", "10.0.0.1", nil, "bob@10.0.0.1"),
        ("u@[::1]:22", "u", "::1", 22, "u@[::1]:22"),
        ("u@fe80::1", "u", "fe80::1", nil, "u@fe80::1"),
        ("a.b@host.example.com", "a.b", "host.example.com", nil, "a.b@host.example.com"),
    ])
    func parses(_ text: String, _ user: String?, _ host: String, _ port: Int?, _ canonical: String) throws {
        let t = try SSHTarget(parsing: text)
        #expect(t.user == user)
        #expect(t.host == host)
        #expect(t.port == port)
        #expect(t.description == canonical)
    }

    @Test(arguments: ["", "-oProxyCommand=x", "a b", "u@", "@h", "u@h:0", "u@h:70000", "u@h:x", "h;rm", "u@[::1", "u@-h", "$(x)"])
    func refuses(_ text: String) {
        #expect(throws: HerdError.self) { try SSHTarget(parsing: text) }
    }

    @Test func destinationLeavesThePortOut() throws {
        #expect(try SSHTarget(parsing: "u@h:2022").destination == "u@h")
    }
}
