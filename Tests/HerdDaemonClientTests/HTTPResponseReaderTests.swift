import Foundation
import HerdDaemonClient
import Testing

/// Framing of the daemon's answers, fed whole and byte by byte: Content-Length, chunked, until close; and the
/// bounds (header size, body size) and malformed answers, each a one-line `DaemonError`.
@Suite struct HTTPResponseReaderTests {
    /// Feeds `text` in pieces of `step` bytes, then finishes at the end of the stream.
    func read(_ text: String, step: Int = .max, limit: Int = 1024) throws -> HTTPReply {
        var reader = HTTPResponseReader(bodyLimit: limit)
        let bytes = Array(text.utf8)
        var at = 0
        while at < bytes.count {
            let end = min(bytes.count, at + max(1, min(step, bytes.count)))
            if try reader.feed(bytes[at..<end]) { break }
            at = end
        }
        return try reader.finish()
    }

    @Test(arguments: [1, 3, 7, Int.max])
    func contentLength(step: Int) throws {
        let r = try read("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"a\":12345}", step: step)
        #expect(r.status == 200)
        #expect(r.headers["content-type"] == "application/json")
        #expect(String(decoding: r.body, as: UTF8.self) == "{\"a\":12345}")
    }

    @Test(arguments: [1, 2, 5, Int.max])
    func chunked(step: Int) throws {
        let text = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\nA;ext=1\r\n:123456789\r\n1\r\n}\r\n0\r\n\r\n"
        let r = try read(text, step: step)
        #expect(String(decoding: r.body, as: UTF8.self) == "{\"a\":123456789}")
    }

    @Test func untilClose() throws {
        let r = try read("HTTP/1.1 503 Service Unavailable\r\n\r\n{\"error\":\"no snapshot yet\"}")
        #expect(r.status == 503)
        #expect(!r.isSuccess)
        #expect(r.errorMessage == "no snapshot yet")
    }

    @Test func errorMessageIsOnePrintableLine() {
        let r = HTTPReply(status: 500, headers: [:], body: Data("{\"error\":\"bad\\n\\u001b[31mthing\"}".utf8))
        #expect(r.errorMessage == "bad  [31mthing")
        #expect(HTTPReply(status: 500, headers: [:], body: Data()).errorMessage == "(no message)")
    }

    @Test func lateBytesAreIgnoredOnceComplete() throws {
        var reader = HTTPResponseReader(bodyLimit: 100)
        #expect(try reader.feed(Array("HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n".utf8)))
        #expect(try reader.feed(Array("junk".utf8)))
        #expect(try reader.finish().body.isEmpty)
    }

    @Test func bodyLimitByLength() {
        #expect(throws: DaemonError.tooLarge(limit: 10)) {
            try read("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n", limit: 10)
        }
    }

    @Test func bodyLimitByChunks() {
        #expect(throws: DaemonError.tooLarge(limit: 10)) {
            try read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n8\r\n12345678\r\n0\r\n\r\n", limit: 10)
        }
    }

    @Test func bodyLimitUntilClose() {
        #expect(throws: DaemonError.tooLarge(limit: 10)) {
            try read("HTTP/1.1 200 OK\r\n\r\n" + String(repeating: "x", count: 11), limit: 10)
        }
    }

    @Test func headerLimit() {
        var reader = HTTPResponseReader(bodyLimit: 10, headerLimit: 100)
        #expect(throws: DaemonError.self) {
            _ = try reader.feed(Array(("HTTP/1.1 200 OK\r\nX: " + String(repeating: "y", count: 200)).utf8))
        }
    }

    @Test(arguments: [
        "", "garbage\r\n\r\n", "HTTP/1.1 abc OK\r\n\r\n", "HTTP/1.1 200 OK\r\nno colon\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: -4\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabXY",
        "HTTP/1.1 200 OK\r\nContent-Le",
    ])
    func malformed(text: String) {
        #expect(throws: DaemonError.self) { try read(text) }
    }

    @Test func everyErrorIsOneLine() {
        let errors: [DaemonError] = [
            .notRunning("no daemon running (no socket at /x)"), .timeout("t"), .tooLarge(limit: 5), .badResponse("b"),
            .status(code: 500, message: "m"), .badJSON("j"), .io("i"),
        ]
        for e in errors { #expect(!e.description.contains("\n") && !e.description.isEmpty) }
        #expect(errors.filter(\.isAbsent).count == 1)
    }
}
