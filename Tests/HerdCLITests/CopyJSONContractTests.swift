import Foundation
import HerdTestSupport
import Testing

/// The `herd cp --json` and `herd rcp --json` shapes of docs/JSON.md, exact once durations are normalized (on the
/// roster's `local` host, with absolute paths so nothing lands in the real home).
@Suite(.timeLimit(.minutes(1))) struct CopyJSONContractTests {
    @Test func cpAndRcpDocumentsAreExact() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let herd = HerdBinary(home: dir.file("home"))
        let file = dir.file("a file")
        try Data("x\n".utf8).write(to: URL(fileURLWithPath: file))
        let cp = try await herd.run(["cp", "--json", file, "local:\(dir.file("to"))/"])
        #expect(cp.status == 0, "\(cp.stderrText)")
        #expect(JSONContractTests.normalized(cp.stdoutText, numbers: ["duration_ms"]) == """
            {
              "destination" : "\(dir.file("to"))/",
              "failed" : [

              ],
              "ok" : 1,
              "operation" : "cp",
              "results" : [
                {
                  "duration_ms" : 0,
                  "host" : "local",
                  "ok" : true
                }
              ],
              "schema_version" : 1,
              "sources" : [
                "\(file)"
              ]
            }

            """)
        #expect(FileManager.default.contents(atPath: dir.file("to/a file")) == Data("x\n".utf8))
        let rcp = try await herd.run(["rcp", "--json", "local:\(dir.file("missing"))", dir.file("out")])
        #expect(rcp.status == 1)
        let doc = try #require(try JSONSerialization.jsonObject(with: rcp.stdout) as? [String: Any], "\(rcp.stdoutText)")
        #expect(doc["operation"] as? String == "rcp")
        #expect(doc["failed"] as? [String] == ["local"])
        let row = try #require((doc["results"] as? [[String: Any]])?.first)
        #expect(row["ok"] as? Bool == false)
        #expect((row["error"] as? String)?.contains("no such file") == true, "\(row)")
    }
}
