import Foundation
import HerdTestSupport
import Testing

/// Numeric flags that no `Int` or `Duration` holds (nan, inf, 1e300, negative) are refused as bad input, never
/// converted with a trap.
@Suite(.timeLimit(.minutes(1))) struct H1AbsurdFlagTests {
    @Test(arguments: ["1e300", "nan", "inf", "-1", "0"])
    func timeoutsAndIntervals(_ value: String) async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let herd = HerdBinary(home: dir.path)
        for args in [["clean", "local", "--dry-run", "--timeout", value], ["init", "local", "--dry-run", "--timeout", value],
                     ["ls", "--timeout", value], ["on", "local", "--timeout", value, "--", "true"], ["top", "--interval", value]] {
            let r = try await herd.run(args)
            #expect(r.status == 2, "\(args): \(r.status) \(r.stderrText)")
            #expect(!r.stderrText.contains("Fatal error") && r.stderrText.contains("--"), "\(args): \(r.stderrText)")
        }
    }
}
