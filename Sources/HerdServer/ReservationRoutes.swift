import Foundation
import HerdCore
import Hummingbird

/// The reservation endpoints: the ledger (expired ones purged), booking RAM and GPUs on a host against the cached
/// state, and releasing one by id (any unique prefix).
struct ReservationRoutes: Sendable {
    let state: ServerState

    func register(on router: Router<ServerRequestContext>) {
        router.get("/v1/reservations") { _, _ in
            try JSONResponse.make(ListDocument("reservations", try state.store.reservations()))
        }
        router.post("/v1/reservations") { request, _ in
            let body = try await JSONBody.read(request, limit: state.config.maxBody)
            let r = try await create(body)
            state.logger.info("reserved \(r.id): \(UsageFormat.bytes(r.ram)) on \(r.host)")
            return try JSONResponse.make(Single(item: r), status: .created)
        }
        router.delete("/v1/reservations/{id}") { _, context in
            let id = context.parameters.get("id") ?? ""
            guard !id.isEmpty, id.count <= 64, id.allSatisfy({ $0.isHexDigit }) else {
                throw APIError.badRequest("'\(id.prefix(64))' is not a reservation id (hex digits, any unique prefix)")
            }
            if try !state.store.reservations().contains(where: { $0.id.hasPrefix(id.lowercased()) }) {
                throw APIError.notFound("no reservation '\(id)'")
            }
            let r = try state.store.release(prefix: id)
            state.logger.info("released \(r.id) on \(r.host)")
            return try JSONResponse.make(Single(item: r))
        }
    }

    /// Books `{host, ram, gpu?, ttl?, note?}`.
    func create(_ body: JSONBody) async throws -> Reservation {
        guard let name = try body.string("host") else { throw APIError.badRequest("'host' is required") }
        guard let ram = try body.bytes("ram") else { throw APIError.badRequest("'ram' is required (e.g. \"16G\")") }
        let gpus = try body.int("gpu", in: 0...1024) ?? 0
        let ttl = try body.seconds("ttl") ?? Reservation.defaultTTL
        let note = try body.string("note") ?? "herd serve"
        try Roster.validateText(note, field: "note")
        let host = try TargetSelector.single(name, in: try state.hosts())
        let snapshot = await state.cache.snapshot()
        guard let hs = snapshot.hosts.first(where: { $0.host.name == host.name }) else {
            throw APIError(.serviceUnavailable, "\(host.name) has not been probed yet; try again in a moment")
        }
        return try ReservationCheck.reserve(hs, needs: Requirements(ram: ram, gpus: gpus), jobID: nil, ttl: ttl, note: note, store: state.store)
    }
}
