import Foundation
import HerdCore
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Talks to a local model server in Ollama's chat format: POSTs to `<endpoint>/api/chat` and hands each piece of
/// the streamed answer (NDJSON lines, `ChatStreamLine`) to the caller as it arrives.
public struct ModelChatClient: Sendable {
    public let endpoint: URL
    /// The longest wait for the next bytes (a model may take a while to load before its first word).
    public let idleTimeout: TimeInterval

    public init(endpoint: URL, idleTimeout: TimeInterval = 120) {
        self.endpoint = endpoint
        self.idleTimeout = idleTimeout
    }

    /// Why a chat did not happen.
    public enum Failure: Error, Equatable {
        /// Nothing answered at the endpoint (refused, unresolvable, timed out before any answer).
        case noServer(String)
        /// The server answered with an error (HTTP status or an `error` line).
        case server(String)
    }

    /// Streams the answer to `body` (see `ChatStreamLine.request`), calling `piece` with each part of the text.
    public func stream(_ body: Data, piece: @escaping @Sendable (String) -> Void) async throws {
        var request = URLRequest(url: endpoint.appendingPathComponent("api/chat"), timeoutInterval: idleTimeout)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = body
        let delegate = ChatStreamDelegate()
        let session = URLSession(configuration: .ephemeral, delegate: delegate, delegateQueue: nil)
        defer { session.invalidateAndCancel() }
        let task = session.dataTask(with: request)
        task.resume()
        var pending = Data()
        var status = 0
        var errorBody = Data()
        for try await event in delegate.events {
            switch event {
            case .status(let s):
                status = s
            case .bytes(let d):
                if status != 200 {
                    if errorBody.count < 4096 { errorBody.append(d.prefix(4096 - errorBody.count)) }
                    continue
                }
                pending.append(d)
                while let nl = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: pending[pending.startIndex..<nl], as: UTF8.self)
                    pending = Data(pending[pending.index(after: nl)...])
                    if try Self.handle(line, piece: piece) { return }
                }
                if pending.count > 1 << 20 { throw Failure.server("an answer line longer than 1 MiB") }
            }
        }
        if status != 200 {
            let text = String(decoding: errorBody, as: UTF8.self)
            if case .error(let e) = ChatStreamLine.parse(text) { throw Failure.server("HTTP \(status): \(TerminalText.line(String(e.prefix(200))))") }
            throw Failure.server("HTTP \(status)")
        }
        if !pending.isEmpty { _ = try Self.handle(String(decoding: pending, as: UTF8.self), piece: piece) }
    }

    /// Handles one answer line; returns whether the answer is complete.
    static func handle(_ line: String, piece: @Sendable (String) -> Void) throws -> Bool {
        switch ChatStreamLine.parse(line) {
        case .content(let c):
            if !c.isEmpty { piece(c) }
            return false
        case .done: return true
        case .error(let e): throw Failure.server(TerminalText.line(String(e.prefix(200))))
        case .garbage: throw Failure.server("the model server sent something that is not Ollama's chat format")
        }
    }
}

/// Turns URLSession's delegate calls into one stream of events (status, then bytes); a failure before any answer
/// is `noServer`.
final class ChatStreamDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    enum Event: Sendable {
        case status(Int)
        case bytes(Data)
    }

    let events: AsyncThrowingStream<Event, any Error>
    private let continuation: AsyncThrowingStream<Event, any Error>.Continuation
    private let lock = NSLock()
    private var answered = false

    override init() {
        let (stream, continuation) = AsyncThrowingStream<Event, any Error>.makeStream()
        events = stream
        self.continuation = continuation
        super.init()
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        lock.withLock { answered = true }
        continuation.yield(.status((response as? HTTPURLResponse)?.statusCode ?? 0))
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        continuation.yield(.bytes(data))
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let error else { return continuation.finish() }
        let before = lock.withLock { !answered }
        let why = (error as? URLError).map(Self.describe) ?? "\(error)"
        continuation.finish(throwing: before ? ModelChatClient.Failure.noServer(why) : ModelChatClient.Failure.server("the answer broke off: \(why)"))
    }

    static func describe(_ e: URLError) -> String {
        switch e.code {
        case .cannotConnectToHost: return "connection refused"
        case .timedOut: return "timed out"
        case .cannotFindHost, .dnsLookupFailed: return "host not found"
        case .networkConnectionLost: return "connection lost"
        default: return "error \(e.code.rawValue)"
        }
    }
}
