import Foundation
import HerdRemote
import HerdTestSupport
import Testing

/// `herd serve` with jobs on a real sshd host: the guarded run, logs from an offset and their SSE follow stream,
/// reservations released by the daemon's own reconciliation (no `herd ps`), a leaked reservation, and a kill -9
/// followed by a restart that finds the jobs in the database.
@Suite(.timeLimit(.minutes(4))) struct ServeJobTests {
    static func run(_ serve: ServeProcess, _ body: String) async throws -> String {
        let a = try await serve.call("POST", "/v1/run", body: body)
        #expect(a.status == 201, "\(a.status) \(a.body)")
        return a.json["id"] as? String ?? "?"
    }

    /// Waits until the daemon reports job `id` as ended; its row.
    static func ended(_ serve: ServeProcess, _ id: String) async throws -> [String: Any] {
        var row: [String: Any] = [:]
        let ok = try await ServeProcess.eventually(.seconds(30)) {
            row = try await serve.call("GET", "/v1/jobs/\(id.prefix(8))").json
            return ["done", "failed", "stopped"].contains(row["status"] as? String ?? "")
        }
        #expect(ok, "job \(id) did not end: \(row)")
        return row
    }

    @Test func guardedRunLogsFollowReconcileLeakAndRestart() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try await withTestBed(1, prefix: "db") { bed in
            let herd = try await ServeAPITests.herd(for: bed, home: dir)
            var serve = try ServeProcess(herd, ["--no-tcp", "--allow-exec", "--interval", "1"], log: dir.file("serve.log"))
            #expect(try await serve.ready(listeners: 1), "\(serve.stderr)")

            // Guarded: confirm and a valid mode are required.
            ServeAPITests.expectError(try await serve.call("POST", "/v1/run", body: #"{"mode":"exec","command":["true"]}"#), 400, containing: "confirm")
            ServeAPITests.expectError(
                try await serve.call("POST", "/v1/run", body: #"{"mode":"shell","command":"true","confirm":"YES"}"#), 400, containing: "mode")
            ServeAPITests.expectError(
                try await serve.call("POST", "/v1/run", body: #"{"mode":"exec","command":[],"host":"db01","confirm":"YES"}"#), 400, containing: "empty")
            ServeAPITests.expectError(
                try await serve.call("POST", "/v1/run", body: #"{"mode":"exec","command":["true"],"host":"nosuch","confirm":"YES"}"#), 404, containing: "nosuch")
            #expect((try await serve.get("/v1/jobs")["jobs"] as? [Any])?.isEmpty == true)

            // A --ram job that ends at once: the daemon's reconciliation releases its reservation, with no herd ps.
            let quick = try await Self.run(serve, #"{"mode":"exec","command":["sh","-c","echo one; echo two"],"host":"db01","ram":"64M","confirm":"YES"}"#)
            let row = try await Self.ended(serve, quick)
            #expect(row["status"] as? String == "done" && row["exit_code"] as? Int == 0, "\(row)")
            let released = try await ServeProcess.eventually(.milliseconds(1500)) {
                (try await serve.get("/v1/reservations")["reservations"] as? [Any])?.isEmpty == true
            }
            #expect(released, "the ended job's reservation is still held")

            // Its log from an offset.
            let log = try await serve.get("/v1/jobs/\(quick.prefix(6))/log?offset=0")
            #expect(log["data"] as? String == "one\ntwo\n" && log["eof"] as? Bool == true && log["next_offset"] as? Int == 8, "\(log)")
            let tail = try await serve.get("/v1/jobs/\(quick)/log?offset=4&max=2")
            #expect(tail["data"] as? String == "tw" && tail["offset"] as? Int == 4 && tail["next_offset"] as? Int == 6 && tail["eof"] as? Bool == false)
            ServeAPITests.expectError(try await serve.call("GET", "/v1/jobs/\(quick)/log?offset=-1"), 400, containing: "offset")

            // A script job followed live over SSE: every line, then the end event.
            let slow = try await Self.run(
                serve, #"{"mode":"script","command":"for i in 1 2 3; do echo line$i; sleep 1; done","host":"db01","confirm":"YES"}"#)
            let follow = try await serve.call("GET", "/v1/jobs/\(slow.prefix(8))/log/follow?offset=0", maxTime: 40)
            #expect(follow.status == 200)
            #expect(follow.body.contains("event: log\ndata: line1\n") && follow.body.contains("data: line3\n"), "\(follow.body)")
            #expect(follow.body.hasSuffix("event: end\ndata: 18\n\n"), "\(follow.body)")

            // A reservation held for a job that does not exist is a leak: reported and released.
            let sql = "INSERT INTO reservation (id, host, ram, gpus, createdAt, expiresAt, note, jobID) VALUES "
                + "('leak0001', 'db01', 1024, 0, '2026-01-01 00:00:00.000', NULL, 'x', '00000000-0000-4000-8000-00000000dead');"
            _ = try await HerdBinary.shell("sqlite3 '\(herd.home)/herd.db' \"\(sql)\"")
            let leakGone = try await ServeProcess.eventually(.seconds(5)) {
                (try await serve.get("/v1/reservations")["reservations"] as? [Any])?.isEmpty == true
            }
            #expect(leakGone && serve.stderr.contains("leak: reservation leak0001"), "\(serve.stderr)")

            // A job still running when the daemon is killed -9; a new daemon finds it in the database and sees it end.
            let long = try await Self.run(serve, #"{"mode":"exec","command":["sleep 2"],"host":"db01","ram":"32M","confirm":"YES"}"#)
            let hang = try await Self.run(serve, #"{"mode":"exec","command":["sleep 120"],"host":"db01","confirm":"YES"}"#)
            serve.signal(SIGKILL)
            _ = try await serve.exit()
            #expect(FileManager.default.fileExists(atPath: serve.socket), "the killed daemon's socket stays behind")
            serve = try ServeProcess(herd, ["--no-tcp", "--interval", "1"], log: dir.file("serve2.log"))
            #expect(try await serve.ready(listeners: 1), "\(serve.stderr)")
            let jobs = (try await serve.get("/v1/jobs?all=1")["jobs"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(Set(jobs) == [quick, slow, long, hang])
            #expect(try await Self.ended(serve, long)["status"] as? String == "done")
            let freed = try await ServeProcess.eventually(.seconds(3)) {
                (try await serve.get("/v1/reservations")["reservations"] as? [Any])?.isEmpty == true
            }
            #expect(freed)

            // A follow stream still open does not hold up a shutdown: SIGINT ends it and the server.
            // Streaming means the response head has arrived (curl writes it to `head` as it comes), not merely
            // that the socket connected: a connection whose request the server has not read yet is simply closed.
            let head = dir.file("follow.head")
            let second = serve
            let follower = Task { try await second.call("GET", "/v1/jobs/\(hang.prefix(8))/log/follow", maxTime: 100, headFile: head) }
            let streaming = try await ServeProcess.eventually(.seconds(10)) {
                ((try? String(contentsOfFile: head, encoding: .utf8)) ?? "").contains("\r\n\r\n")
            }
            #expect(streaming, "the follow stream's response never started")
            let stopAsked = ContinuousClock.now
            serve.signal(SIGINT)
            #expect(try await serve.exit(limit: .seconds(15)) == 0, "\(serve.stderr)")
            #expect(ContinuousClock.now - stopAsked < .seconds(10))
            let followed = try await follower.value
            #expect(followed.status == 200, "\(followed.body)")
            #expect(!FileManager.default.fileExists(atPath: serve.socket))
        }
    }
}
