import Foundation

/// Reads one HTTP/1.1 response fed in pieces as they arrive: the status line and headers (at most
/// `headerLimit` bytes), then a body framed by Content-Length, chunked encoding, or the end of the stream,
/// never more than `bodyLimit` bytes. Pure: no sockets, so every framing case is table-tested.
public struct HTTPResponseReader: Sendable {
    public let bodyLimit: Int
    public let headerLimit: Int
    private var buffer: [UInt8] = []
    private var head: (status: Int, headers: [String: String])?
    private var framing: Framing = .untilClose
    private var body: [UInt8] = []
    /// Chunked decoding: bytes still to take from the current chunk, or nil when a size line is next.
    private var chunkLeft: Int?
    private var done = false

    private enum Framing: Equatable { case length(Int), chunked, untilClose }

    public init(bodyLimit: Int, headerLimit: Int = 64 * 1024) {
        self.bodyLimit = bodyLimit
        self.headerLimit = headerLimit
    }

    /// Takes the next bytes; returns true once the response is complete (later bytes are ignored).
    public mutating func feed(_ bytes: some Collection<UInt8>) throws(DaemonError) -> Bool {
        if done { return true }
        buffer.append(contentsOf: bytes)
        if head == nil {
            guard let end = Self.headerEnd(buffer) else {
                if buffer.count > headerLimit { throw .badResponse("headers longer than \(headerLimit) bytes") }
                return false
            }
            try parseHead(Array(buffer[..<end]))
            buffer.removeFirst(end + 4)
        }
        try consumeBody()
        return done
    }

    /// The response once the stream ended: complete, or (with no framing) everything up to the end.
    public mutating func finish() throws(DaemonError) -> HTTPReply {
        guard let head else { throw .badResponse(buffer.isEmpty ? "the connection closed with no answer" : "the connection closed inside the headers") }
        if !done {
            guard framing == .untilClose else { throw .badResponse("the connection closed before the body ended") }
            done = true
        }
        return HTTPReply(status: head.status, headers: head.headers, body: Data(body))
    }

    private static func headerEnd(_ b: [UInt8]) -> Int? {
        guard b.count >= 4 else { return nil }
        for i in 0...(b.count - 4) where b[i] == 13 && b[i + 1] == 10 && b[i + 2] == 13 && b[i + 3] == 10 { return i }
        return nil
    }

    private mutating func parseHead(_ bytes: [UInt8]) throws(DaemonError) {
        let lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
        let parts = lines[0].split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]), (100...599).contains(status) else {
            throw .badResponse("status line '\(String(lines[0].prefix(60)))'")
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { throw .badResponse("header line without ':'") }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name] = headers[name].map { $0 + ", " + value } ?? value
        }
        if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            framing = .chunked
        } else if let length = headers["content-length"] {
            guard let n = Int(length), n >= 0 else { throw .badResponse("Content-Length '\(String(length.prefix(30)))'") }
            guard n <= bodyLimit else { throw .tooLarge(limit: bodyLimit) }
            framing = .length(n)
        }
        head = (status, headers)
        // 204 and 304 carry no body whatever the headers say.
        if status == 204 || status == 304 { framing = .length(0) }
    }

    private mutating func consumeBody() throws(DaemonError) {
        switch framing {
        case .length(let n):
            let take = min(n - body.count, buffer.count)
            body.append(contentsOf: buffer[..<take])
            buffer.removeFirst(take)
            done = body.count == n
        case .untilClose:
            body.append(contentsOf: buffer)
            buffer.removeAll()
            if body.count > bodyLimit { throw .tooLarge(limit: bodyLimit) }
        case .chunked:
            try consumeChunks()
        }
    }

    private mutating func consumeChunks() throws(DaemonError) {
        var at = 0
        defer { buffer.removeFirst(at) }
        while !done {
            if let left = chunkLeft {
                if left > 0 {
                    let take = min(left, buffer.count - at)
                    body.append(contentsOf: buffer[at..<(at + take)])
                    at += take
                    chunkLeft = left - take
                    if body.count > bodyLimit { throw .tooLarge(limit: bodyLimit) }
                    if take < left { return }
                }
                // The CRLF after the chunk's data.
                guard buffer.count - at >= 2 else { return }
                guard buffer[at] == 13, buffer[at + 1] == 10 else { throw .badResponse("chunk not followed by CRLF") }
                at += 2
                chunkLeft = nil
            } else {
                guard let lineEnd = Self.crlf(buffer, from: at) else {
                    if buffer.count - at > 1024 { throw .badResponse("chunk size line too long") }
                    return
                }
                let line = String(decoding: buffer[at..<lineEnd], as: UTF8.self)
                let hex = line.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
                guard !hex.isEmpty, hex.count <= 16, let size = Int(hex, radix: 16), size >= 0 else {
                    throw .badResponse("chunk size '\(String(line.prefix(20)))'")
                }
                guard size <= bodyLimit - body.count else { throw .tooLarge(limit: bodyLimit) }
                at = lineEnd + 2
                if size == 0 {
                    // The last chunk: trailers (if any) are not needed, so the answer is complete here.
                    done = true
                } else {
                    chunkLeft = size
                }
            }
        }
    }

    private static func crlf(_ b: [UInt8], from: Int) -> Int? {
        guard b.count >= from + 2 else { return nil }
        for i in from..<(b.count - 1) where b[i] == 13 && b[i + 1] == 10 { return i }
        return nil
    }
}
