import Foundation
import HerdCore
import HerdStore

/// Talks to a running `herd serve` over `$HERD_HOME/herd.sock`: every call is bounded (connect 200 ms, the whole
/// answer within `timeout`, the body within a size limit) and fails with a one-line `DaemonError`, never hangs.
public struct DaemonClient: Sendable {
    public let transport: UnixHTTPTransport

    /// The largest snapshot or job list accepted (a thousand hosts' rows are ~2 MB).
    public static let documentLimit = 32 * 1024 * 1024
    /// The largest answer to a small request (health, refresh, shutdown).
    public static let smallLimit = 256 * 1024

    public init(socketPath: String, timeout: Duration = .seconds(2)) {
        transport = UnixHTTPTransport(socketPath: socketPath, timeout: timeout)
    }

    /// The client for the daemon of `home`.
    public init(home: HerdHome, timeout: Duration = .seconds(2)) {
        self.init(socketPath: Self.socketPath(home: home), timeout: timeout)
    }

    /// Where `herd serve` listens for `home`: `$HERD_HOME/herd.sock`.
    public static func socketPath(home: HerdHome) -> String {
        home.root.appendingPathComponent("herd.sock").path
    }

    /// GET /healthz.
    public func health() async throws(DaemonError) -> DaemonHealth {
        try decode(DaemonHealth.self, try await call("GET", "/healthz", limit: Self.smallLimit))
    }

    /// GET /v1/snapshot: the daemon's cached snapshot.
    public func snapshot() async throws(DaemonError) -> CachedSnapshot {
        try decode(CachedSnapshot.self, try await call("GET", "/v1/snapshot", limit: Self.documentLimit))
    }

    /// GET /v1/jobs?all=true: the daemon's states of every job it has.
    public func jobs() async throws(DaemonError) -> [DaemonJobState] {
        try decode(DaemonJobList.self, try await call("GET", "/v1/jobs?all=true", limit: Self.documentLimit)).jobs
    }

    /// POST to a control endpoint (`/v1/refresh`, `/v1/invalidate`, `/v1/shutdown`); returns the answer's body.
    @discardableResult
    public func post(_ path: String) async throws(DaemonError) -> Data {
        try await call("POST", path, json: Data("{}".utf8), limit: Self.smallLimit)
    }

    /// One request; a non-2xx answer becomes `.status` with the daemon's message.
    public func call(_ method: String, _ path: String, json: Data? = nil, limit: Int) async throws(DaemonError) -> Data {
        let reply = try await transport.send(method, path, json: json, bodyLimit: limit)
        guard reply.isSuccess else { throw .status(code: reply.status, message: reply.errorMessage) }
        return reply.body
    }

    private func decode<T: Decodable>(_ type: T.Type, _ data: Data) throws(DaemonError) -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom(DaemonDates.decode)
        do {
            return try decoder.decode(T.self, from: data)
        } catch {
            throw .badJSON(Self.describe(error))
        }
    }

    /// A decoding error in one line: what was wrong and where.
    static func describe(_ error: any Error) -> String {
        guard let e = error as? DecodingError else { return "\(error)" }
        func path(_ c: DecodingError.Context) -> String {
            let p = c.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            return p.isEmpty ? "" : " at \(p)"
        }
        switch e {
        case .dataCorrupted(let c): return "not valid JSON" + path(c)
        case .keyNotFound(let key, let c): return "missing '\(key.stringValue)'" + path(c)
        case .typeMismatch(_, let c), .valueNotFound(_, let c): return "unexpected value" + path(c)
        @unknown default: return "undecodable"
        }
    }
}

/// ISO-8601 dates as herd's documents write them, with or without fractional seconds.
enum DaemonDates {
    static func decode(_ decoder: any Decoder) throws -> Date {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        if let d = try? Date.ISO8601FormatStyle().parse(text) { return d }
        if let d = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return d }
        throw DecodingError.dataCorruptedError(in: c, debugDescription: "not an ISO-8601 date")
    }
}
