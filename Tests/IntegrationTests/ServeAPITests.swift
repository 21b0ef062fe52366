import Foundation
import HerdRemote
import HerdTestSupport
import Testing

/// `herd serve` against real sshd hosts, called with curl over its Unix socket and loopback TCP: every read
/// endpoint, reservations, the errors (bad JSON, unknown host, oversized body), /metrics through promtool, the
/// audit trail, the single-server lock, and a clean SIGTERM.
@Suite(.timeLimit(.minutes(4))) struct ServeAPITests {
    static func herd(for bed: TestBed, home: TempDir) async throws -> HerdBinary {
        let herd = HerdBinary(home: home.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
        for h in bed.hosts { #expect(try await herd.run(["host", "add", h.name, h.name]).status == 0) }
        return herd
    }

    /// An error answer: the status and a one-line `error` in a `schema_version` 1 document.
    static func expectError(_ a: ServeProcess.Answer, _ status: Int, containing text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.status == status, "\(a.status) \(a.body)", sourceLocation: sourceLocation)
        let message = a.json["error"] as? String ?? ""
        #expect(a.json["schema_version"] as? Int == 1, sourceLocation: sourceLocation)
        #expect(message.contains(text) && !message.contains("\n"), "\(message)", sourceLocation: sourceLocation)
    }

    @Test func everyReadEndpointErrorsMetricsAuditLockAndSIGTERM() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try await withTestBed(2, prefix: "da") { bed in
            let herd = try await Self.herd(for: bed, home: dir)
            let serve = try ServeProcess(herd, ["--listen", "127.0.0.1:0", "--interval", "1"], log: dir.file("serve.log"))
            #expect(try await serve.ready(), "\(serve.stderr)")

            // Health over both listeners; the socket is private.
            let health = try await serve.get("/healthz")
            #expect(health["status"] as? String == "ok" && health["pid"] as? Int == Int(serve.pid))
            #expect(health["home"] as? String == herd.home && health["started_at"] is String && health["version"] is String)
            let overTCP = try await serve.call("GET", "/healthz", tcp: true)
            #expect(overTCP.status == 200 && overTCP.json["status"] as? String == "ok")
            var st = stat()
            #expect(lstat(serve.socket, &st) == 0 && st.st_mode & 0o777 == 0o600)

            // The snapshot: the `herd snapshot --json` document plus where it came from.
            let snap = try await serve.get("/v1/snapshot")
            #expect(snap["schema_version"] as? Int == 1 && snap["source"] as? String == "daemon-cache")
            #expect(snap["taken_at"] is String && (snap["age_seconds"] as? Double ?? -1) >= 0)
            let rows = snap["hosts"] as? [[String: Any]] ?? []
            #expect(Set(rows.compactMap { $0["name"] as? String }) == ["da01", "da02"])
            #expect(rows.allSatisfy { $0["status"] as? String == "complete" && $0["reserved_ram"] != nil })
            #expect((snap["aggregates"] as? [String: Any])?["up"] as? Int == 2)

            // Hosts with a selector, as `herd ls --json` prints them.
            let one = try await serve.get("/v1/hosts?select=da02")
            #expect((one["hosts"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["da02"])
            #expect(one["source"] as? String == "daemon-cache" && one["aggregates"] == nil)
            Self.expectError(try await serve.call("GET", "/v1/hosts?select=nosuch"), 404, containing: "nosuch")

            // Placement.
            let place = try await serve.call("POST", "/v1/place", body: #"{"ram":"64M","query":"light"}"#)
            #expect(place.status == 200, "\(place.body)")
            #expect(["da01", "da02"].contains(place.json["chosen"] as? String ?? "") && (place.json["hosts"] as? [Any])?.count == 2)
            Self.expectError(try await serve.call("POST", "/v1/place", body: "{not json"), 400, containing: "not valid JSON")
            Self.expectError(try await serve.call("POST", "/v1/place", body: "[1,2]"), 400, containing: "JSON object")
            Self.expectError(try await serve.call("POST", "/v1/place", body: #"{"ram":"lots"}"#), 400, containing: "ram")
            let big = "{\"query\":\"" + String(repeating: "x", count: 100_000) + "\"}"
            Self.expectError(try await serve.call("POST", "/v1/place", body: big), 413, containing: "limit")
            Self.expectError(try await serve.call("GET", "/v1/hosts?select=" + String(repeating: "a", count: 5000)), 414, containing: "URI")

            // Reservations: create, list, release, and the errors.
            let made = try await serve.call("POST", "/v1/reservations", body: #"{"host":"da01","ram":"64M","ttl":"10m"}"#)
            #expect(made.status == 201, "\(made.body)")
            let rid = made.json["id"] as? String ?? "?"
            #expect(made.json["host"] as? String == "da01" && made.json["ram"] as? Int == 64 << 20)
            let list = try await serve.get("/v1/reservations")
            #expect((list["reservations"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [rid])
            let snapReserved = try await serve.get("/v1/snapshot")
            #expect((snapReserved["aggregates"] as? [String: Any])?["reserved_ram"] as? Int == 64 << 20)
            Self.expectError(try await serve.call("POST", "/v1/reservations", body: #"{"host":"nosuch","ram":"1G"}"#), 404, containing: "nosuch")
            Self.expectError(try await serve.call("POST", "/v1/reservations", body: #"{"host":"da01","ram":"100000G"}"#), 400, containing: "allocatable")
            Self.expectError(try await serve.call("POST", "/v1/reservations", body: #"{"host":"da01"}"#), 400, containing: "ram")
            #expect(try await serve.call("DELETE", "/v1/reservations/\(rid.prefix(4))").status == 200)
            Self.expectError(try await serve.call("DELETE", "/v1/reservations/\(rid)"), 404, containing: rid)

            // Jobs: none yet; bad and unknown ids.
            #expect((try await serve.get("/v1/jobs")["jobs"] as? [Any])?.isEmpty == true)
            Self.expectError(try await serve.call("GET", "/v1/jobs/zz;rm"), 400, containing: "not a job id")
            Self.expectError(try await serve.call("GET", "/v1/jobs/abcd"), 404, containing: "abcd")
            Self.expectError(try await serve.call("GET", "/v1/jobs/abcd/log?offset=x"), 404, containing: "abcd")

            // The run endpoint is off without --allow-exec, even with confirm.
            Self.expectError(
                try await serve.call("POST", "/v1/run", body: #"{"mode":"exec","command":["true"],"confirm":"YES"}"#), 403, containing: "--allow-exec")
            Self.expectError(try await serve.call("GET", "/v1/nothing"), 404, containing: "endpoint")

            // Refresh answers after a round; invalidate makes the next read wait for a fresh one.
            let refreshed = try await serve.call("POST", "/v1/refresh")
            #expect(refreshed.status == 200 && (refreshed.json["age_seconds"] as? Double ?? 99) < 2)
            #expect(try await serve.call("POST", "/v1/invalidate").json["invalidated"] as? Bool == true)
            let fresh = try await serve.get("/v1/snapshot")
            #expect((fresh["age_seconds"] as? Double ?? 99) < 2)

            // /metrics passes promtool and carries the per-host series.
            let metrics = try await serve.call("GET", "/metrics")
            #expect(metrics.status == 200)
            try metrics.body.write(toFile: dir.file("metrics.txt"), atomically: true, encoding: .utf8)
            let check = try await HerdBinary.shell("promtool check metrics < \(dir.file("metrics.txt")) 2>&1; echo rc=$?")
            #expect(check.hasSuffix("rc=0\n"), "\(check)")
            for series in [#"herd_host_up{host="da01"} 1"#, #"herd_host_memory_total_bytes{host="da02"}"#, #"herd_jobs{state="running"} 0"#,
                           #"herd_host_reserved_ram_bytes{host="da01"} 0"#, #"herd_host_probe_latency_seconds{host="da01"}"#,
                           #"herd_host_load{host="da01",period="1"}"#, "herd_host_disk_total_bytes{host=\"da01\""] {
                #expect(metrics.body.contains(series), "missing \(series)")
            }

            // Every mutating request left an audit line naming its client (socket peer uid, or TCP address).
            _ = try await serve.call("POST", "/v1/invalidate", tcp: true)
            let audit = (try? String(contentsOfFile: herd.home + "/audit.log", encoding: .utf8)) ?? ""
            #expect(audit.contains(" - http:POST:/v1/reservations 201 client=uid:\(getuid()),pid:"), "\(audit)")
            #expect(audit.contains(" - http:DELETE:/v1/reservations/"))
            #expect(audit.contains(" - http:POST:/v1/invalidate 200 client=tcp:127.0.0.1:"), "\(audit)")

            // A second server on the same home refuses with one line.
            let second = try await herd.run(["serve", "--no-tcp"], timeout: .seconds(20))
            #expect(second.status != 0 && second.stderrText.contains("already running") && second.stderrText.split(separator: "\n").count == 1,
                    "\(second.stderrText)")

            // SIGTERM: a clean exit, the socket gone.
            serve.signal(SIGTERM)
            #expect(try await serve.exit() == 0, "\(serve.stderr)")
            #expect(!FileManager.default.fileExists(atPath: serve.socket))
        }
    }
}

/// A non-loopback `--listen`: says at start that it needs the bearer token, creates `serve.token` (0600), and
/// answers TCP requests only with that token (the Unix socket needs none).
@Suite(.timeLimit(.minutes(2))) struct ServeTokenTests {
    @Test func nonLoopbackListenerRequiresTheToken() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let herd = HerdBinary(home: dir.file("home"))
        let serve = try ServeProcess(herd, ["--listen", "0.0.0.0:0"], log: dir.file("serve.log"))
        #expect(try await serve.ready(), "\(serve.stderr)")
        #expect(serve.stderr.contains("not loopback: requests need the bearer token in \(herd.home)/serve.token"), "\(serve.stderr)")
        var st = stat()
        #expect(lstat(herd.home + "/serve.token", &st) == 0 && st.st_mode & 0o777 == 0o600)
        let token = try String(contentsOfFile: herd.home + "/serve.token", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.count == 64)
        ServeAPITests.expectError(try await serve.call("GET", "/healthz", tcp: true), 401, containing: "Bearer")
        ServeAPITests.expectError(
            try await serve.call("GET", "/healthz", tcp: true, headers: ["Authorization: Bearer " + String(token.dropLast()) + (token.hasSuffix("0") ? "1" : "0")]), 401,
            containing: "Bearer")
        #expect(try await serve.call("GET", "/healthz", tcp: true, headers: ["Authorization: Bearer \(token)"]).status == 200)
        #expect(try await serve.call("GET", "/healthz").status == 200)
        #expect(try await serve.call("POST", "/v1/shutdown").json["stopping"] as? Bool == true)
        #expect(try await serve.exit() == 0, "\(serve.stderr)")
        #expect(!FileManager.default.fileExists(atPath: serve.socket))
    }
}
