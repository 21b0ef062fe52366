import Foundation
import HerdCore
import Hummingbird

/// `POST /v1/run`, guarded as axis guards it: off (403) unless the server was started with `--allow-exec`; the
/// body must say `mode` (`exec`: `command` is the argument list, one item being a shell line, as `herd run -- …`;
/// `script`: `command` is a POSIX sh script) and `confirm: "YES"` (400 otherwise). The host is the one named, or
/// placed from the query fields (query, ram, gpu, cpu, tool), or the default host; RAM and GPUs asked for are reserved with the job's record in
/// one transaction, as `herd run` does, and a launch that fails leaves nothing behind. Never syncs a directory.
struct RunRoute: Sendable {
    let state: ServerState

    func register(on router: Router<ServerRequestContext>) {
        router.post("/v1/run") { request, _ in
            guard state.config.allowExec else {
                throw APIError(.forbidden, "running commands is off: start herd serve with --allow-exec")
            }
            let body = try await JSONBody.read(request, limit: state.config.maxBody)
            let job = try await run(body)
            return try JSONResponse.make(Single(item: JobRow(job, now: Date())), status: .created)
        }
    }

    func run(_ body: JSONBody) async throws -> Job {
        guard try body.string("confirm") == "YES" else { throw APIError.badRequest("'confirm' must be \"YES\" to run a command") }
        let mode = try body.string("mode")
        let command: [String]
        switch mode {
        case "exec":
            command = try body.strings("command")
        case "script":
            guard let script = try body.string("command") else { throw APIError.badRequest("mode script needs 'command': the script text") }
            command = ["/bin/sh", "-c", script]
        default:
            throw APIError.badRequest("'mode' must be \"exec\" or \"script\"")
        }
        guard !command.isEmpty, !command.allSatisfy(\.isEmpty) else { throw APIError.badRequest("'command' is empty") }
        if command.contains(where: { $0.contains("\u{0}") }) { throw APIError.badRequest("'command' contains a NUL byte") }
        let needs = try HostRoutes.requirements(body)
        let placing = try body.string("query") != nil || !body.keys.isDisjoint(with: ["ram", "gpu", "cpu", "tool"])
        let snapshot = await state.cache.snapshot()
        let host = try chooseHost(try body.string("host"), needs: needs, placing: placing, snapshot: snapshot)
        let job = Job(
            id: UUID().uuidString.lowercased(), host: host.name, command: command, clientCwd: FileManager.default.currentDirectoryPath,
            startedAt: Date(), status: .launching)
        if needs.ram != nil || (needs.gpus ?? 0) > 0 {
            guard let hs = snapshot.hosts.first(where: { $0.host.name == host.name }) else {
                throw APIError(.serviceUnavailable, "\(host.name) has not been probed yet; try again in a moment")
            }
            _ = try ReservationCheck.reserve(hs, needs: needs, jobID: job.id, ttl: nil, note: "job \(job.shortID)", store: state.store, job: job)
        } else {
            try state.store.insert(job)
        }
        do {
            try await state.manager.start(job, on: host, source: nil, label: "herd serve")
        } catch {
            let problems = await state.manager.abandon(job, on: host)
            for p in problems { state.logger.warning("\(p)") }
            throw error
        }
        try state.store.finishLaunch(job)
        state.logger.info("job \(job.shortID) started on \(host.name) over the API")
        var started = job
        started.status = .running
        return started
    }

    /// The host named, the best placed one, or the roster's default.
    private func chooseHost(_ name: String?, needs: Requirements, placing: Bool, snapshot: Snapshot) throws -> Host {
        let hosts = try state.hosts()
        if let name { return try TargetSelector.single(name, in: hosts) }
        let roster = try state.roster.load()
        if placing {
            let ranked = Placement.rank(snapshot.hosts, needs: needs, reserved: try state.store.reservedByHost())
            guard let best = ranked.first(where: \.fits), let h = hosts.first(where: { $0.name == best.host }) else {
                let why = ranked.prefix(8).map { "\($0.host): \($0.reasons.joined(separator: "; "))" }.joined(separator: " | ")
                throw APIError(.conflict, "no host fits: \(why)")
            }
            return h
        }
        if let d = roster.defaultHost, let h = roster.host(named: d) { return h }
        if roster.isEmpty, let local = hosts.first { return local }
        throw APIError.badRequest("no 'host', no placement fields and no default host")
    }
}
