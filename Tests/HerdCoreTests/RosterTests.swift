import HerdCore
import Testing

@Suite struct RosterTests {
    @Test func addRefusesDuplicatesAndCanonicalisesTargets() throws {
        var r = Roster()
        let added = try r.add(Host(name: "tb01", ssh: "ssh://u@h:22"))
        #expect(added.ssh == "u@h:22")
        #expect(throws: HerdError.invalidInput("host 'tb01' is already in the roster")) {
            try r.add(Host(name: "tb01", ssh: "other"))
        }
        #expect(r.hosts.count == 1)
    }

    @Test func removeClearsTheDefault() throws {
        var r = Roster()
        try r.add(Host(name: "a", ssh: "a"))
        try r.add(Host(name: "b", ssh: "b"))
        try r.setDefault("a")
        try r.remove("a")
        #expect(r.defaultHost == nil)
        #expect(r.hosts.map(\.name) == ["b"])
    }

    @Test func unknownHostsSuggestTheClosestName() throws {
        var r = Roster()
        try r.add(Host(name: "tb01", ssh: "x"))
        #expect(throws: HerdError.unknownHost("tb1", suggestion: "tb01")) { try r.remove("tb1") }
        #expect(throws: HerdError.unknownHost("zzzzzz", suggestion: nil)) { try r.update("zzzzzz") { $0.sudo = true } }
        #expect(throws: HerdError.unknownHost("tb02", suggestion: "tb01")) { try r.setDefault("tb02") }
    }

    @Test func updateKeepsTheNameAndValidatesTags() throws {
        var r = Roster()
        try r.add(Host(name: "a", ssh: "a"))
        try r.update("a") { $0.name = "renamed"; $0.shared = false }
        #expect(r.host(named: "a")?.dedicated == true)
        #expect(throws: HerdError.self) { try r.update("a") { $0.tags = ["bad tag"] } }
    }

    @Test func emptyRosterShowsTheLocalMachine() {
        let hosts = Roster().effectiveHosts(localOS: "linux")
        #expect(hosts.map(\.name) == ["local"])
        #expect(hosts.first?.os == "linux")
    }
}
