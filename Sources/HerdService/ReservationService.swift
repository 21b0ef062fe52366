import Foundation
import HerdCore
import HerdEngine
import HerdStore

/// The reservation ledger: what is booked on which host, booking (checked against a fresh probe of the host, in
/// one transaction with what is already booked) and giving back. Expired reservations are purged on every read.
public struct ReservationService: Sendable {
    public let context: ServiceContext

    public init(context: ServiceContext) { self.context = context }

    /// Active reservations, oldest first.
    public func list() throws -> [Reservation] {
        try context.jobStore().reservations()
    }

    /// Books `needs` (RAM, GPUs) on `host` for `ttl` seconds (nil: until job `jobID` ends) after probing it;
    /// refuses with the reasons when it does not fit, unless `force`. With `job`, the job's record is inserted in
    /// the same transaction (a job and its reservation exist together).
    public func reserve(
        _ host: Host, needs: Requirements, ttl: TimeInterval?, note: String, force: Bool = false, jobID: String? = nil, job: Job? = nil
    ) async throws -> Reservation {
        let store = try context.jobStore()
        let snapshot = try await SnapshotService(context: context).probe([host])
        let state = snapshot.hosts[0]
        guard force || state.status.isUp, let u = state.usage, let total = u.memTotal, let available = u.memAvailable else {
            throw HerdError.remote("\(host.name): cannot reserve: \(state.reasons.first ?? "no memory figures")")
        }
        let ram = needs.ram ?? 0, gpus = needs.gpus ?? 0
        return try store.reserve(host: host.name, ram: ram, gpus: gpus, ttl: ttl, note: note, jobID: jobID, job: job) { reservedRAM, reservedGPUs in
            if force { return nil }
            return Self.refusal(needs: needs, usage: u, total: total, available: available, reservedRAM: reservedRAM, reservedGPUs: reservedGPUs)
        }
    }

    /// Books on the host named `hostName` (a roster name); see `reserve(_:needs:ttl:note:force:jobID:job:)`.
    public func reserve(hostName: String, needs: Requirements, ttl: TimeInterval?, note: String, force: Bool = false) async throws -> Reservation {
        try Roster.validateText(note, field: "note")
        return try await reserve(try RosterService(context: context).host(named: hostName), needs: needs, ttl: ttl, note: note, force: force)
    }

    /// Gives back the reservation whose id starts with `prefix` (exactly one must match).
    public func release(prefix: String) throws -> Reservation {
        try context.jobStore().release(prefix: prefix)
    }

    /// Why `needs` does not fit a host with these figures and bookings; nil when it fits.
    static func refusal(
        needs: Requirements, usage u: HostUsage, total: UInt64, available: UInt64, reservedRAM: UInt64, reservedGPUs: Int
    ) -> String? {
        let ram = needs.ram ?? 0, gpus = needs.gpus ?? 0
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
