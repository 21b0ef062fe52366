import HerdCore
import HerdTUI
import Testing

/// The `/` filter: the CLI's selector syntax or plain text, and a one-line reason when it shows nothing.
@Suite struct HostFilterTests {
    static let hosts: [HerdCore.Host] = [
        HerdCore.Host(name: "tb01", ssh: "alice@tb01.lab", tags: ["gpu"]),
        HerdCore.Host(name: "tb02", ssh: "tb02.lab", tags: ["gpu", "big"]),
        HerdCore.Host(name: "tb03", ssh: "tb03.lab", shared: false),
        HerdCore.Host(name: "web", ssh: "web.example.com", tags: ["frontend"]),
    ]

    static func names(_ filter: String) -> [String] {
        HostFilter(filter).apply(hosts.map { HostState(host: $0) }).map(\.host.name)
    }

    @Test(arguments: [
        ("", ["tb01", "tb02", "tb03", "web"]),
        ("tb", ["tb01", "tb02", "tb03"]),
        ("TB0", ["tb01", "tb02", "tb03"]),
        ("alice", ["tb01"]),
        ("front", ["web"]),
        ("@gpu", ["tb01", "tb02"]),
        ("@big", ["tb02"]),
        ("tb[01-02]", ["tb01", "tb02"]),
        ("tb[02-09]", ["tb02", "tb03"]),
        ("tb01,web", ["tb01", "web"]),
        ("web,@big", ["tb02", "web"]),
        ("all", ["tb01", "tb02", "tb03", "web"]),
        ("tb[01-03", []),
        ("@nope", []),
    ])
    func filters(_ filter: String, _ expected: [String]) {
        #expect(Self.names(filter) == expected)
    }

    @Test(arguments: [
        ("", nil),
        ("tb", nil),
        ("@gpu", nil),
        ("zzz", "no host name, target or tag contains 'zzz'"),
        ("@gpx", "no host has tag 'gpx' (did you mean @gpu?)"),
        ("tb[01-03", "bad selector: unclosed '['"),
        ("tb[9-1]", "bad selector: bad range '9-1'"),
        ("tb99,", "bad selector: empty name"),
        ("tb[50-59]", "no host matches the selector"),
    ] as [(String, String?)])
    func problems(_ filter: String, _ fragment: String?) {
        let p = HostFilter(filter).problem(in: Self.hosts)
        if let fragment {
            #expect(p?.contains(fragment) == true, "\(p ?? "nil")")
            #expect(p?.contains("\n") == false)
        } else {
            #expect(p == nil)
        }
    }
}
