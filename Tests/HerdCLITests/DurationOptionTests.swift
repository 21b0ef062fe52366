import Foundation
import HerdTestSupport
import Testing

/// `--timeout`, `--interval` and `--grace` take seconds as before, or durations with units like `--ttl` (`1h30m`).
@Suite(.timeLimit(.minutes(1))) struct DurationOptionTests {
    @Test func unitsAreAcceptedAndBareNumbersStaySeconds() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let herd = HerdBinary(home: dir.path, environment: ["HOME": dir.path])
        for args in [["on", "local", "--timeout", "1m", "--", "echo", "hi"], ["on", "local", "--timeout", "1m30s", "--", "echo", "hi"],
                     ["on", "local", "--timeout", "20", "--", "echo", "hi"]] {
            let r = try await herd.run(args)
            #expect(r.status == 0 && r.stdoutText == "local: hi\n", "\(args): \(r.stdoutText) \(r.stderrText)")
        }
        for args in [["ls", "--timeout", "2s"], ["status", "--timeout", "1m"], ["top", "--interval", "1s"]] {
            let r = try await herd.run(args)
            #expect(r.status == 0 && r.stdoutText.contains("local"), "\(args): \(r.stderrText)")
        }
        // --grace parses (the job id is what is wrong here).
        let stop = try await herd.run(["stop", "--grace", "1m", "0000"])
        #expect(stop.status == 2 && stop.stderrText.contains("no job '0000'"), "\(stop.stderrText)")
        // Range checks stay with each command: clean allows at most a day.
        #expect(try await herd.run(["clean", "local", "--dry-run", "--timeout", "2d"]).status == 2)
    }

    @Test(arguments: ["1x", "m", "30m1h", "1h1h", "--"])
    func badDurationsAreBadInput(_ value: String) async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let herd = HerdBinary(home: dir.path)
        let r = try await herd.run(["on", "local", "--timeout=\(value)", "--", "true"])
        #expect(r.status == 2, "\(value): \(r.stderrText)")
        #expect(r.stderrText.contains("--timeout"), "\(value): \(r.stderrText)")
    }
}
