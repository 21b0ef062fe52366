import Foundation
import HerdTestSupport
import Testing

/// Through the binary: one-host commands refuse selectors matching several hosts, sizes need a unit, and bad
/// durations are one line naming the argument; every refusal exits 2 before any host is contacted.
@Suite(.timeLimit(.minutes(2))) struct OneHostAndSizeArgumentTests {
    /// A roster of three hosts that do not exist (nothing here may try to reach them).
    static func herd(_ dir: TempDir) async throws -> HerdBinary {
        let herd = HerdBinary(home: dir.file("home"))
        for n in ["tb01", "tb02", "tb03"] {
            #expect(try await herd.run(["host", "add", n, "nobody@\(n).invalid", "--tag", "gpu"]).status == 0)
        }
        return herd
    }

    @Test func oneHostCommandsRefuseSeveralMatches() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let herd = try await Self.herd(dir)
        let calls: [[String]] = [
            ["run", "tb[01-03]", "--", "true"], ["run", "@gpu", "-n", "--", "true"], ["run", "tb01,tb02", "--", "true"],
            ["reserve", "tb[01-02]", "--ram", "1G"], ["reserve", "@gpu", "--ram", "1G"],
            ["host", "desc", "tb[01-02]", "x"], ["host", "desc", "@gpu"], ["host", "set", "tb01,tb02", "--no-clean"],
            ["host", "rm", "tb[01-03]"], ["host", "default", "@gpu"],
        ]
        for args in calls {
            let r = try await herd.run(args)
            #expect(r.status == 2, "\(args): \(r.status) \(r.stderrText)")
            #expect(r.stderrText.contains("matches") && r.stderrText.contains("tb01, tb02"), "\(args): \(r.stderrText)")
            #expect(r.stderrText.split(separator: "\n").count == 1, "\(args): \(r.stderrText)")
        }
        let ls = try await herd.run(["ls", "--fast"])
        #expect(ls.stdoutText.split(separator: "\n").count == 4, "nothing was removed or changed: \(ls.stdoutText)")
    }

    @Test func sizesNeedAUnitAndDurationsNameTheArgument() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let herd = try await Self.herd(dir)
        for args in [["run", "tb01", "--ram", "17", "--", "true"], ["reserve", "tb01", "--ram", "17"], ["place", "--ram", "17"]] {
            let r = try await herd.run(args)
            #expect(r.status == 2, "\(args): \(r.stderrText)")
            #expect(r.stderrText.contains("--ram: '17' has no unit: say 17G"), "\(args): \(r.stderrText)")
        }
        for ttl in ["1x", "45", "30m1h"] {
            let r = try await herd.run(["reserve", "tb01", "--ram", "1G", "--ttl", ttl])
            #expect(r.status == 2 && r.stderrText.contains("--ttl: '\(ttl)' is not a duration"), "\(ttl): \(r.stderrText)")
        }
    }
}
