import ArgumentParser
import Foundation
import HerdCore
import HerdEngine
import HerdStore

/// The requirement flags shared by `place`, `reserve` and `run`.
struct PlacementOptions: ParsableArguments {
    @Option(help: "RAM the job needs, e.g. 17G.")
    var ram: String?

    @Option(help: "GPUs the job needs (--gpu alone means 1).")
    var gpu: Int?

    @Option(name: .customLong("gpu-mem"), help: "Free memory each GPU must have to count as free, e.g. 20G (default 1G).")
    var gpuMem: String?

    @Option(help: "CPU cores the job wants.")
    var cpu: Int?

    @Option(help: "A tool that must be on the host (repeatable).")
    var tool: [String] = []

    /// The explicit requirements.
    func requirements() throws -> Requirements {
        if let g = gpu, g < 0 { throw HerdError.invalidInput("--gpu must be 0 or more") }
        if let c = cpu, c < 1 { throw HerdError.invalidInput("--cpu must be at least 1") }
        return Requirements(
            ram: try ram.map { try ByteSize.parse($0, argument: "--ram") }, gpus: gpu, cpus: cpu, tools: tool,
            gpuMem: try gpuMem.map { try ByteSize.parse($0, argument: "--gpu-mem") })
    }

    /// Whether any requirement flag was given.
    var any: Bool { ram != nil || gpu != nil || cpu != nil || !tool.isEmpty || gpuMem != nil }
}

/// Probing and ranking for the placement commands.
enum PlacementRun {
    /// Probes `hosts` and ranks them for `needs` against the ledger.
    static func rank(_ hosts: [Host], needs: Requirements, context: CLIContext, store: JobStore) async throws -> [Placement.Candidate] {
        let snapshot = try await context.probeOnce(hosts, config: RefreshConfig())
        return Placement.rank(snapshot.hosts, needs: needs, reserved: try store.reservedByHost())
    }

    /// Reserves `needs` on `host` for `jobID` in one transaction (inserting `job`'s record in it too); refuses
    /// (with the reasons) when it does not fit, unless `force`.
    static func reserve(
        _ host: Host, needs: Requirements, jobID: String?, ttl: TimeInterval?, note: String, force: Bool,
        context: CLIContext, store: JobStore, job: Job? = nil
    ) async throws -> Reservation {
        let snapshot = try await context.probeOnce([host], config: RefreshConfig())
        let state = snapshot.hosts[0]
        guard force || state.status.isUp, let u = state.usage, let total = u.memTotal, let available = u.memAvailable else {
            throw HerdError.remote("\(host.name): cannot reserve: \(state.reasons.first ?? "no memory figures")")
        }
        let ram = needs.ram ?? 0, gpus = needs.gpus ?? 0
        return try store.reserve(host: host.name, ram: ram, gpus: gpus, ttl: ttl, note: note, jobID: jobID, job: job) { reservedRAM, reservedGPUs in
            if force { return nil }
            let allocatable = Reservation.allocatable(total: total, available: available, reserved: reservedRAM)
            var why: [String] = []
            if ram > allocatable {
                why.append("needs \(UsageFormat.bytes(ram)) RAM, \(UsageFormat.bytes(allocatable)) allocatable"
                    + (reservedRAM > 0 ? " (\(UsageFormat.bytes(reservedRAM)) already reserved)" : "") + "; --force to override")
            }
            // Free GPUs as placement counts them: idle with enough memory, never more than the unreserved ones.
            let idle = u.gpus.filter { Placement.isFree($0, memory: needs.gpuMem ?? Placement.defaultGPUMemory) }.count
            let free = max(0, min(idle, Saturating.subtract(u.gpus.count, reservedGPUs)))
            if gpus > 0, free < gpus {
                why.append("needs \(gpus) GPU(s), \(free) free of \(u.gpus.count)")
            }
            return why.isEmpty ? nil : why.joined(separator: "; ")
        }
    }
}
