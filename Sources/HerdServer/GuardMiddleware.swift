import Foundation
import Hummingbird

/// What every request passes through: a bound on the URI's size (414), the bearer token on a non-loopback TCP
/// listener (401), errors turned into `{"schema_version":1,"error":"…"}` with their status, and an audit line
/// naming the client for every mutating request (POST, DELETE), whatever its outcome.
struct GuardMiddleware: RouterMiddleware {
    typealias Context = ServerRequestContext
    let state: ServerState
    /// The longest URI accepted (path and query), in bytes.
    static let maxURI = 4096

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let mutating = request.method == .post || request.method == .delete || request.method == .put || request.method == .patch
        guard mutating else { return await answer(request, context: context, next: next) }
        var context = context
        let client = await context.client()
        context.clientName = client
        let response = await answer(request, context: context, next: next)
        state.audit(method: request.method.rawValue, path: request.uri.path, client: client, status: response.status.code)
        return response
    }

    private func answer(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async -> Response {
        if request.uri.string.utf8.count > Self.maxURI {
            return APIError(.uriTooLong, "request URI is over the limit of \(Self.maxURI) bytes").response
        }
        if context.isTCP, let token = state.token, !token.accepts(authorization: request.headers[.authorization]) {
            var r = APIError(.unauthorized, "this listener needs 'Authorization: Bearer TOKEN' (the token is in $HERD_HOME/serve.token)").response
            r.headers[.wwwAuthenticate] = "Bearer"
            return r
        }
        do {
            return try await next(request, context)
        } catch {
            let e = APIError.from(error)
            if e.status.code >= 500 { state.logger.error("\(request.method.rawValue) \(request.uri.path): \(e.message)") }
            return e.response
        }
    }
}
