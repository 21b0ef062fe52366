import Foundation
import HerdCore
import Testing

/// hosts.json's optional `timeout` (seconds) and its import from axis's `timeout_sec`, with `role` kept as a tag.
@Suite struct HostTimeoutFieldTests {
    @Test func absentStaysAbsentAndOldFilesStillRead() throws {
        let old = Data(#"{"hosts": [{"name": "a", "ssh": "a"}]}"#.utf8)
        let roster = try RosterCodec.decode(old, file: "hosts.json")
        #expect(roster.hosts[0].timeout == nil)
        #expect(!String(decoding: RosterCodec.encode(roster), as: UTF8.self).contains("timeout"))
    }

    @Test func roundTrips() throws {
        let data = Data(#"{"hosts": [{"name": "a", "ssh": "a", "timeout": 20}]}"#.utf8)
        let roster = try RosterCodec.decode(data, file: "hosts.json")
        #expect(roster.hosts[0].timeout == 20)
        let again = try RosterCodec.decode(RosterCodec.encode(roster), file: "hosts.json")
        #expect(again.hosts[0].timeout == 20)
    }

    @Test(arguments: ["0", "-3", "90000", "\"5\"", "true"]) func badValuesNameTheFileAndHost(_ value: String) {
        let data = Data(#"{"hosts": [{"name": "a", "ssh": "a", "timeout": \#(value)}]}"#.utf8)
        #expect {
            try RosterCodec.decode(data, file: "/h/hosts.json")
        } throws: { error in
            "\(error)".hasPrefix("/h/hosts.json: hosts[0]")
        }
    }

    @Test func axisTimeoutSecAndRoleAreImported() throws {
        let yaml = """
            nodes:
              - name: n1
                hostname: 10.0.0.1
                timeout_sec: 15
                role: head
              - name: n2
                hostname: 10.0.0.2
                timeout_sec: 2.5
                role: worker
                tags: [gpu, worker]
              - name: n3
                hostname: 10.0.0.3
              - name: n4
                hostname: 10.0.0.4
                timeout_sec: fast
            """
        let r = try RosterImport.parse(yaml, file: "nodes.yaml")
        #expect(r.hosts.map(\.name) == ["n1", "n2", "n3"])
        #expect(r.hosts.map(\.timeout) == [15, 2.5, nil])
        #expect(r.hosts.map(\.tags) == [["head"], ["gpu", "worker"], []])
        #expect(r.rejected.map(\.name) == ["n4"])
        #expect(r.rejected.first?.reason.contains("timeout_sec") == true)
    }
}
