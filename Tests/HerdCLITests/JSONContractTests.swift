import Foundation
import HerdTestSupport
import Testing

/// The `--json` / `--yaml` contract of docs/JSON.md through the built binary: exact goldens where the output is
/// deterministic once volatile numbers and dates are normalized, and for the live commands on the local host:
/// `schema_version`, snake_case keys everywhere, ISO-8601 dates.
@Suite(.timeLimit(.minutes(2))) struct JSONContractTests {
    /// `text` with ISO dates as `<date>`, reservation ids as `<id>` and the numbers of `keys` as 0.
    static func normalized(_ text: String, numbers keys: [String] = []) -> String {
        var s = text.replacingOccurrences(of: #""\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ""#, with: "\"<date>\"", options: .regularExpression)
        s = s.replacingOccurrences(of: #""id" : "[0-9a-f]{8}""#, with: "\"id\" : \"<id>\"", options: .regularExpression)
        for k in keys {
            s = s.replacingOccurrences(of: "\"\(k)\" : [0-9.e+-]+", with: "\"\(k)\" : 0", options: .regularExpression)
        }
        return s
    }

    /// Every key path in `value` that is not snake_case (map fields whose keys are data are skipped).
    static func badKeys(_ value: Any, path: String = "") -> [String] {
        if let d = value as? [String: Any] {
            return d.flatMap { key, v -> [String] in
                let here = path + "." + key
                let ok = key.range(of: #"^[a-z][a-z0-9_]*$"#, options: .regularExpression) != nil
                let inner = ["addresses", "tools"].contains(key) && v is [String: Any] ? [] : badKeys(v, path: here)
                return (ok ? [] : [here]) + inner
            }
        }
        if let a = value as? [Any] { return a.flatMap { badKeys($0, path: path + "[]") } }
        return []
    }

    /// Every string at a `*_at` or `last_seen` key that is not an ISO-8601 UTC date.
    static func badDates(_ value: Any) -> [String] {
        let f = ISO8601DateFormatter()
        if let d = value as? [String: Any] {
            return d.flatMap { key, v -> [String] in
                if key.hasSuffix("_at") || key == "last_seen" {
                    guard let s = v as? String, s.hasSuffix("Z"), f.date(from: s) != nil else { return ["\(key): \(v)"] }
                    return []
                }
                return badDates(v)
            }
        }
        if let a = value as? [Any] { return a.flatMap(badDates) }
        return []
    }

    @Test func rosterListingIsExact() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let herd = HerdBinary(home: dir.file("home"))
        #expect(try await herd.run(["host", "add", "tb01", "alice@10.0.0.1:2222", "--sudo", "--tag", "gpu"]).status == 0)
        #expect(try await herd.run("host add tb02 tb02 --dedicated --no-clean").status == 0)
        #expect(try await herd.run("host default tb01").status == 0)
        let json = try await herd.run("ls --fast --json tb01")
        #expect(json.stdoutText == """
            {
              "default_host" : "tb01",
              "hosts" : [
                {
                  "clean" : true,
                  "description" : "",
                  "name" : "tb01",
                  "os" : "",
                  "shared" : true,
                  "ssh" : "alice@10.0.0.1:2222",
                  "sudo" : true,
                  "tags" : [
                    "gpu"
                  ]
                }
              ],
              "schema_version" : 1
            }

            """)
        let yaml = try await herd.run("ls --fast --yaml tb02")
        #expect(yaml.stdoutText == """
            default_host: tb01
            hosts:
            - clean: false
              description: ''
              name: tb02
              os: ''
              shared: false
              ssh: tb02
              sudo: false
              tags: []
            schema_version: 1

            """)
    }

    @Test func jobsAndReservationsAreExactOnceNormalized() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let herd = HerdBinary(home: dir.file("home"))
        #expect(try await herd.run("ps --all --json").stdoutText == "{\n  \"jobs\" : [\n\n  ],\n  \"schema_version\" : 1\n}\n")
        #expect(try await herd.run(["reserve", "local", "--ram", "1M", "--note", "golden"]).status == 0)
        let r = try await herd.run("reservations --json")
        #expect(Self.normalized(r.stdoutText) == """
            {
              "reservations" : [
                {
                  "created_at" : "<date>",
                  "expires_at" : "<date>",
                  "gpus" : 0,
                  "host" : "local",
                  "id" : "<id>",
                  "note" : "golden",
                  "ram" : 1048576
                }
              ],
              "schema_version" : 1
            }

            """)
    }

    @Test func onAndStatusAreExactOnceNormalized() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let herd = HerdBinary(home: dir.file("home"))
        let on = try await herd.run(["on", "local", "--json", "--", "echo", "hi"])
        #expect(Self.normalized(on.stdoutText, numbers: ["duration_ms"]) == """
            {
              "command" : [
                "echo",
                "hi"
              ],
              "failed" : [

              ],
              "ok" : 1,
              "results" : [
                {
                  "duration_ms" : 0,
                  "host" : "local",
                  "status" : 0,
                  "stderr" : "",
                  "stdout" : "hi\\n",
                  "timed_out" : false
                }
              ],
              "schema_version" : 1,
              "timed_out" : [

              ]
            }

            """)
        let status = try await herd.run("status --json")
        #expect(Self.normalized(status.stdoutText, numbers: ["latency_ms"]) == """
            {
              "hosts" : [
                {
                  "latency_ms" : 0,
                  "name" : "local",
                  "reasons" : [

                  ],
                  "status" : "complete"
                }
              ],
              "schema_version" : 1
            }

            """)
    }

    @Test(arguments: [
        ["ls", "--json"], ["snapshot"], ["snapshot", "--json"], ["facts", "--json"], ["place", "--json", "--ram", "1M"],
        ["ls", "--fast", "--json"], ["ps", "--all", "--json"], ["reservations", "--json"], ["status", "--json"],
    ])
    func liveDocumentsKeepTheContract(_ args: [String]) async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let herd = HerdBinary(home: dir.file("home"))
        _ = try await herd.run(["reserve", "local", "--ram", "1M"])
        let r = try await herd.run(args)
        #expect(r.status == 0, "\(args): \(r.stderrText)")
        let doc = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any], "\(args): \(r.stdoutText)")
        #expect(doc["schema_version"] as? Int == 1)
        #expect(Self.badKeys(doc).isEmpty, "\(args): \(Self.badKeys(doc))")
        #expect(Self.badDates(doc).isEmpty, "\(args): \(Self.badDates(doc))")
    }

    /// YAML carries the same keys as JSON (checked through the key lines of the top level).
    @Test(arguments: [["snapshot"], ["facts"], ["ls"]])
    func yamlHasTheJSONKeys(_ command: [String]) async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let herd = HerdBinary(home: dir.file("home"))
        let json = try #require(try JSONSerialization.jsonObject(with: try await herd.run(command + ["--json"]).stdout) as? [String: Any])
        let yaml = try await herd.run(command + ["--yaml"]).stdoutText
        let top = yaml.split(separator: "\n").filter { !$0.hasPrefix(" ") && !$0.hasPrefix("-") }.compactMap { $0.split(separator: ":").first.map(String.init) }
        #expect(top == json.keys.sorted(), "\(command)")
        #expect(yaml.contains("schema_version: 1"))
    }
}
