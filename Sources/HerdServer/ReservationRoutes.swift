import Foundation
import HerdCore
import HerdService
import Hummingbird

/// The reservation endpoints over `ReservationService`: the ledger (expired ones purged), booking RAM and GPUs on a
/// host (checked against a fresh probe of it, as `herd reserve` does), and releasing one by id (any unique prefix).
struct ReservationRoutes: Sendable {
    let state: ServerState

    func register(on router: Router<ServerRequestContext>) {
        router.get("/v1/reservations") { _, _ in
            try JSONResponse.make(ListDocument("reservations", try ReservationService(context: state.services).list()))
        }
        router.post("/v1/reservations") { request, context in
            let body = try await JSONBody.read(request, limit: state.config.maxBody)
            let r = try await create(body, service: ReservationService(context: state.services(for: context)))
            state.logger.info("reserved \(r.id): \(UsageFormat.bytes(r.ram)) on \(r.host)")
            return try JSONResponse.make(Single(item: r), status: .created)
        }
        router.delete("/v1/reservations/{id}") { _, context in
            let id = (context.parameters.get("id") ?? "").lowercased()
            guard !id.isEmpty, id.count <= 64, id.allSatisfy({ $0.isHexDigit }) else {
                throw APIError.badRequest("'\(id.prefix(64))' is not a reservation id (hex digits, any unique prefix)")
            }
            let service = ReservationService(context: state.services(for: context))
            if try !service.list().contains(where: { $0.id.hasPrefix(id) }) { throw APIError.notFound("no reservation '\(id)'") }
            let r = try service.release(prefix: id)
            state.logger.info("released \(r.id) on \(r.host)")
            return try JSONResponse.make(Single(item: r))
        }
    }

    /// Books `{host, ram, gpu?, ttl?, note?, force?}`.
    func create(_ body: JSONBody, service: ReservationService) async throws -> Reservation {
        guard let name = try body.string("host") else { throw APIError.badRequest("'host' is required") }
        guard let ram = try body.bytes("ram") else { throw APIError.badRequest("'ram' is required (e.g. \"16G\")") }
        let gpus = try body.int("gpu", in: 0...1024) ?? 0
        let ttl = try body.seconds("ttl") ?? Reservation.defaultTTL
        let note = try body.string("note") ?? "herd serve"
        let force = try body.bool("force") ?? false
        return try await service.reserve(hostName: name, needs: Requirements(ram: ram, gpus: gpus), ttl: ttl, note: note, force: force)
    }
}
