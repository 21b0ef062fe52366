import Foundation
import HerdCore
import Hummingbird

/// An error the API answers with: an HTTP status and one line, sent as `{"schema_version":1,"error":"…"}`.
struct APIError: Error, Sendable {
    let status: HTTPResponse.Status
    let message: String

    init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    static func badRequest(_ m: String) -> APIError { APIError(.badRequest, m) }
    static func notFound(_ m: String) -> APIError { APIError(.notFound, m) }

    /// The body document.
    struct Document: StructuredDocument {
        var error: String
    }

    /// The response: the status and the one-line body (controls and newlines flattened).
    var response: Response {
        let line = TerminalText.line(message)
        let text = (try? StructuredOutput.json(Document(error: line))) ?? "{\"schema_version\":1,\"error\":\"internal error\"}\n"
        return JSONResponse.text(text, status: status)
    }

    /// The API's answer to any error a handler threw: herd's own errors as 400 (bad input) or 502 (a host failed),
    /// Hummingbird's with their status, anything else 500.
    static func from(_ error: any Error) -> APIError {
        switch error {
        case let e as APIError:
            return e
        case let e as HerdError:
            switch e {
            case .remote(let m): return APIError(.badGateway, m)
            case .unknownHost, .notFound: return APIError(.notFound, e.description)
            default: return APIError(.badRequest, e.description)
            }
        case let e as HTTPError:
            if e.status == .contentTooLarge { return APIError(.contentTooLarge, "request body too large") }
            if e.status == .notFound { return APIError(.notFound, e.body ?? "no such endpoint") }
            return APIError(e.status, e.body ?? e.status.reasonPhrase)
        default:
            return APIError(.internalServerError, "\(error)")
        }
    }
}
