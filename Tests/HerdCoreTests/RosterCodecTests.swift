import Foundation
import HerdCore
import Testing

@Suite struct RosterCodecTests {
    @Test func roundTrips() throws {
        var r = Roster()
        try r.add(Host(name: "a", ssh: "u@a:2200", sudo: true, os: "linux", shared: false, clean: false, description: "x \"y\"", tags: ["t1"]))
        try r.add(Host(name: "b", ssh: "b"))
        try r.setDefault("b")
        let data = RosterCodec.encode(r)
        #expect(try RosterCodec.decode(data, file: "f") == r)
        #expect(data.last == 0x0A)
    }

    @Test func readsPoolStyleBareArraysWithDefaults() throws {
        let json = #"[{"name": "gpu1", "ssh": "u@g"}, {"name": "m", "ssh": "m", "shared": false}]"#
        let r = try RosterCodec.decode(Data(json.utf8), file: "pool.json")
        #expect(r.hosts.map(\.name) == ["gpu1", "m"])
        #expect(r.hosts[0].shared && r.hosts[0].clean && !r.hosts[0].sudo)
        #expect(r.hosts[1].dedicated)
    }

    @Test(arguments: [
        (#"{"hosts": [{"name": "a"}]}"#, "f: hosts[0].ssh: missing key 'ssh'"),
        (#"{"hosts": [{"name": "a", "ssh": 3}]}"#, "f: hosts[0].ssh: expected a string"),
        (#"{"hosts": {}}"#, "f: hosts: expected an array"),
        (#"{"hosts": [{"name": "a b", "ssh": "x"}]}"#, "f: hosts[0]: host name 'a b' contains a space; use letters, digits, '.', '_' or '-'"),
        (#"{"hosts": [{"name": "a", "ssh": "x"}, {"name": "a", "ssh": "y"}]}"#, "f: hosts[1]: host 'a' is already in the roster"),
        (#"{"default": "zz", "hosts": []}"#, "f: default: host 'zz' is not in the roster"),
        ("  \n", "f: line 1, column 1: file is empty (expected a JSON object)"),
        (#"{"hosts": [{"name": "a", "ssh": "x"}"#, "f: line 1, column 37: unexpected end of file inside an array"),
    ])
    func errorsNameTheFileAndPlace(_ json: String, _ message: String) {
        #expect(throws: HerdError.badFile(file: "f", message: String(message.dropFirst(3)))) {
            try RosterCodec.decode(Data(json.utf8), file: "f")
        }
    }
}
