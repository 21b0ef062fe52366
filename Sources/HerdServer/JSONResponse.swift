import Foundation
import HerdCore
import Hummingbird
import NIOCore

/// Building the API's JSON responses: every document goes through `StructuredOutput` (snake_case keys, ISO dates,
/// `schema_version`).
enum JSONResponse {
    /// `document` encoded, with `status`.
    static func make(_ document: some StructuredDocument, status: HTTPResponse.Status = .ok) throws -> Response {
        text(try StructuredOutput.json(document), status: status)
    }

    /// `text` (already JSON) as the body.
    static func text(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}

/// A document with extra top-level keys beside its own (the source and age of cached data).
struct Annotated<Base: StructuredDocument, Extra: Encodable>: StructuredDocument {
    let base: Base
    let extra: Extra

    func encode(to encoder: any Encoder) throws {
        try base.encode(to: encoder)
        try extra.encode(to: encoder)
    }
}

/// One value's own keys as a top-level document (a job, a reservation).
struct Single<Item: Encodable>: StructuredDocument {
    let item: Item
    func encode(to encoder: any Encoder) throws { try item.encode(to: encoder) }
}

/// Where cached data came from and how old it is: `source`, `taken_at`, `age_seconds`.
struct CacheInfo: Encodable {
    var source = "daemon-cache"
    var ageSeconds: Double
}
