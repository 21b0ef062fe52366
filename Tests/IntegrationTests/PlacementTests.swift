import Foundation
import HerdRemote
import HerdTestSupport
import Testing

/// Placement and the reservation ledger against real probes of test-bed hosts.
@Suite(.timeLimit(.minutes(3))) struct PlacementLedgerTests {
    @Test func twoSimultaneousRunsThatOnlyFitOnceGetExactlyOneIn() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try await withTestBed(1, prefix: "pa") { bed in
            let herd = HerdBinary(home: dir.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
            #expect(try await herd.run(["host", "add", "pa01", "pa01"]).status == 0)
            // Size the two jobs like the incident (two 17 GB jobs on a 30 GB host): each fits alone, not both.
            let place = try await herd.run(["place", "--json"])
            let doc = try #require(try JSONSerialization.jsonObject(with: place.stdout) as? [String: Any])
            let allocatable = try #require(((doc["hosts"] as? [[String: Any]])?.first?["allocatable"] as? NSNumber)?.uint64Value)
            // The second booking sees min(available, cap − first) with cap = total − 1G: both only exceed it when
            // each is over half the cap as well (available memory well under the cap made half of it fit twice).
            let snap = try JSONSerialization.jsonObject(with: try await herd.run(["snapshot", "--json"]).stdout) as? [String: Any]
            let total = try #require((((snap?["hosts"] as? [[String: Any]])?.first?["usage"] as? [String: Any])?["ram_total"] as? NSNumber)?.uint64Value)
            let each = min(allocatable - (256 << 20), max(allocatable / 2 + (1 << 30), (total - (1 << 30)) / 2 + (512 << 20)))
            let size = "\(each / (1 << 20))M"
            let runs = try await withThrowingTaskGroup(of: CommandResult.self) { group in
                for _ in 0..<2 {
                    group.addTask { try await herd.run(["run", "pa01", "-d", "-n", "--ram", size, "--", "sleep 30"]) }
                }
                return try await group.reduce(into: [CommandResult]()) { $0.append($1) }
            }
            #expect(runs.filter { $0.status == 0 }.count == 1, "\(runs.map(\.stderrText))")
            let refused = try #require(runs.first { $0.status != 0 })
            #expect(refused.status == 2)
            #expect(refused.stderrText.contains("pa01: needs") && refused.stderrText.contains("already reserved"))
            let ledger = try await herd.run(["reservations", "--json"])
            let rows = (try JSONSerialization.jsonObject(with: ledger.stdout) as? [String: Any])?["reservations"] as? [[String: Any]] ?? []
            #expect(rows.count == 1 && rows.first?["job_id"] != nil)
            // The job holds its reservation until it ends; stopping it gives the RAM back.
            let ps = (try JSONSerialization.jsonObject(with: try await herd.run(["ps", "--json"]).stdout) as? [String: Any])?["jobs"] as? [[String: Any]] ?? []
            let id = try #require(ps.first?["id"] as? String)
            #expect(try await herd.run(["stop", String(id.prefix(8)), "--grace", "1"]).status == 0)
            #expect(try await herd.run(["reservations", "--json"]).stdoutText == "{\n  \"reservations\" : [\n\n  ],\n  \"schema_version\" : 1\n}\n")
            // Forced, the second one starts anyway.
            _ = try await herd.run(["reserve", "pa01", "--ram", size])
            let forced = try await herd.run(["run", "pa01", "-d", "-n", "--ram", size, "--force", "--", "true"])
            #expect(forced.status == 0, "\(forced.stderrText)")
        }
    }

    @Test func placementUsesRealProbesAndNeverPicksADedicatedHost() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try await withTestBed(3, prefix: "pb") { bed in
            let herd = HerdBinary(home: dir.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
            #expect(try await herd.run(["host", "add", "pb01", "pb01", "--dedicated"]).status == 0)
            #expect(try await herd.run(["host", "add", "pb02", "pb02"]).status == 0)
            #expect(try await herd.run(["host", "add", "pb03", "pb03"]).status == 0)
            try await bed.kill("pb03")
            let r = try await herd.run(["place", "--ram", "1G", "--tool", "tmux", "--json"])
            #expect(r.status == 0, "\(r.stderrText)")
            let doc = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
            #expect(doc["chosen"] as? String == "pb02")
            let hosts = try #require(doc["hosts"] as? [[String: Any]])
            let why = Dictionary(uniqueKeysWithValues: hosts.map { ($0["host"] as! String, ($0["reasons"] as? [String]) ?? []) })
            #expect(why["pb01"]?.first == "dedicated (only used when named)")
            #expect(why["pb03"]?.first?.hasPrefix("unreachable") == true)
            let none = try await herd.run(["place", "7b", "ollama", "inference"])
            #expect(none.status == 1)
            #expect(none.stdoutText.contains("7b model → 17G RAM") && none.stdoutText.contains("no ollama"))
            let placed = try await herd.run(["run", "--place", "-d", "-n", "--ram", "1G", "--", "true"])
            #expect(placed.status == 0 && placed.stderrText.contains("placed on pb02"), "\(placed.stderrText)")
        }
    }
}
