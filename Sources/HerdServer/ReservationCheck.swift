import Foundation
import HerdCore
import HerdStore

/// The reservation check `herd reserve` and `herd run --ram` make, against the daemon's cached host state: the RAM
/// must be allocatable (total less 1 GiB, less what is in use and already reserved) and the GPUs idle and unreserved.
/// Checked and written in one IMMEDIATE transaction by the ledger.
enum ReservationCheck {
    /// Reserves `needs` on `state`'s host (inserting `job` in the same transaction), or throws the reasons.
    static func reserve(
        _ state: HostState, needs: Requirements, jobID: String?, ttl: TimeInterval?, note: String, store: JobStore, job: Job? = nil
    ) throws -> Reservation {
        let name = state.host.name
        guard state.status.isUp, let u = state.usage, let total = u.memTotal, let available = u.memAvailable else {
            throw APIError(.conflict, "\(name): cannot reserve: \(state.reasons.first ?? "no memory figures")")
        }
        let ram = needs.ram ?? 0, gpus = needs.gpus ?? 0
        do {
            return try store.reserve(host: name, ram: ram, gpus: gpus, ttl: ttl, note: note, jobID: jobID, job: job) { reservedRAM, reservedGPUs in
                let allocatable = Reservation.allocatable(total: total, available: available, reserved: reservedRAM)
                var why: [String] = []
                if ram > allocatable {
                    why.append("needs \(UsageFormat.bytes(ram)) RAM, \(UsageFormat.bytes(allocatable)) allocatable"
                        + (reservedRAM > 0 ? " (\(UsageFormat.bytes(reservedRAM)) already reserved)" : ""))
                }
                let idle = u.gpus.filter { Placement.isFree($0, memory: needs.gpuMem ?? Placement.defaultGPUMemory) }.count
                let free = max(0, min(idle, Saturating.subtract(u.gpus.count, reservedGPUs)))
                if gpus > 0, free < gpus { why.append("needs \(gpus) GPU(s), \(free) free of \(u.gpus.count)") }
                return why.isEmpty ? nil : why.joined(separator: "; ")
            }
        } catch let e as HerdError {
            throw APIError(.conflict, e.description)
        }
    }
}
