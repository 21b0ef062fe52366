import Foundation
import HerdCore
import HerdService
import Hummingbird
#if canImport(Glibc)
import Glibc
#endif

/// The host-facing endpoints: health, the cached snapshot and host rows, placement, and the cache controls
/// (refresh, invalidate) and shutdown. Reads answer from the cache and never wait on a host.
struct HostRoutes: Sendable {
    let state: ServerState

    func register(on router: Router<ServerRequestContext>) {
        router.get("/healthz") { _, _ in try health() }
        router.get("/v1/snapshot") { _, _ in try await snapshot() }
        router.get("/v1/hosts") { request, _ in try await hosts(select: request.uri.queryParameters.get("select")) }
        router.post("/v1/place") { request, _ in try await place(try await JSONBody.read(request, limit: state.config.maxBody)) }
        router.post("/v1/refresh") { _, _ in
            let s = await state.cache.round(force: true)
            return try await snapshotResponse(s)
        }
        router.post("/v1/invalidate") { _, _ in
            await state.cache.invalidate()
            return try JSONResponse.make(Flag(invalidated: true))
        }
        router.post("/v1/shutdown") { _, _ in
            state.logger.info("shutdown requested over the API")
            let s = state
            Task { await s.stop() }
            return try JSONResponse.make(Flag(stopping: true))
        }
    }

    /// `/healthz`'s document.
    struct Health: StructuredDocument {
        var status = "ok"
        var pid: Int32
        var startedAt: Date
        var home: String
        var version: String
    }

    /// A one-key acknowledgement (`{"invalidated":true}`).
    struct Flag: StructuredDocument {
        var invalidated: Bool?
        var stopping: Bool?
    }

    /// `POST /v1/place`'s document: the same as `herd place --json`.
    struct PlaceDocument: StructuredDocument {
        var requirements: Requirements
        var chosen: String?
        var hosts: [Placement.Candidate]
    }

    func health() throws -> Response {
        try JSONResponse.make(Health(pid: getpid(), startedAt: state.startedAt, home: state.config.home.root.path, version: state.config.version))
    }

    func snapshot() async throws -> Response {
        try await snapshotResponse(await state.cache.snapshot())
    }

    private func snapshotResponse(_ s: Snapshot) async throws -> Response {
        let now = Date()
        let reserved = try SnapshotService(context: state.services).reservedRAM()
        let doc = SnapshotDocument(s, now: now, totals: true, reserved: reserved)
        return try JSONResponse.make(Annotated(base: doc, extra: CacheInfo(ageSeconds: Self.age(s, now: now))))
    }

    func hosts(select: String?) async throws -> Response {
        if let select, select.utf8.count > 1024 { throw APIError.badRequest("select is over 1024 bytes") }
        let names = Set(try RosterService.select(select, in: try state.hosts()).map(\.name))
        var s = await state.cache.snapshot()
        s.hosts = s.hosts.filter { names.contains($0.host.name) }
        let now = Date()
        let doc = SnapshotDocument(s, now: now, totals: false)
        return try JSONResponse.make(Annotated(base: doc, extra: CacheInfo(ageSeconds: Self.age(s, now: now))))
    }

    func place(_ body: JSONBody) async throws -> Response {
        let needs = try Self.requirements(body)
        let s = await state.cache.snapshot()
        let r = try PlacementService(context: state.services).rank(needs, in: s)
        return try JSONResponse.make(PlaceDocument(requirements: r.requirements, chosen: r.chosen?.host, hosts: r.candidates))
    }

    /// The requirements of a placement body: `query` read as `herd place` reads its words (`7b inference`,
    /// `--ram 16G --gpu`), the explicit fields winning.
    static func requirements(_ body: JSONBody) throws -> Requirements {
        let query = try body.string("query") ?? ""
        if query.utf8.count > 4096 { throw APIError.badRequest("'query' is over 4096 bytes") }
        let explicit = Requirements(
            ram: try body.bytes("ram"), gpus: try body.int("gpu", in: 0...1024), cpus: try body.int("cpu", in: 1...100_000),
            tools: try body.strings("tool"), gpuMem: try body.bytes("gpu_mem"))
        for t in explicit.tools where t.isEmpty || t.utf8.count > 64 || !t.allSatisfy({ $0.isLetter || $0.isNumber || "-_.+".contains($0) }) {
            throw APIError.badRequest("'tool' names a command: letters, digits, - _ . + (got '\(t.prefix(64))')")
        }
        return try PlacementService.requirements(query: query).overridden(by: explicit)
    }

    /// Seconds since the snapshot's round ended (never negative).
    static func age(_ s: Snapshot, now: Date) -> Double {
        (max(0, now.timeIntervalSince(s.takenAt)) * 1000).rounded() / 1000
    }
}
