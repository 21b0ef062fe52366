import Foundation

/// One HTTP response from the daemon: status, headers (names lower-cased) and the whole body.
public struct HTTPReply: Sendable, Equatable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Whether the status is 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }

    /// The daemon's one-line error (`{"error": "..."}`) or, failing that, the start of the body, made printable.
    public var errorMessage: String {
        struct ErrorBody: Decodable { var error: String }
        let text = (try? JSONDecoder().decode(ErrorBody.self, from: body))?.error ?? String(decoding: body.prefix(200), as: UTF8.self)
        let line = text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7f ? " " : String($0) }.joined()
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? "(no message)" : String(trimmed.prefix(200))
    }
}
