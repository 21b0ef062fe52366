import Foundation

/// Whether a host can take a reservation, as `herd run --ram/--gpu` and the MCP `run` tool check it inside the
/// ledger's transaction: the RAM asked within what is allocatable after what is already reserved, and the GPUs
/// asked among the free ones (idle, enough memory) that are not reserved.
public enum ReservationCheck {
    /// Why `needs` does not fit `usage` given what is reserved already; nil when it fits.
    public static func refusal(needs: Requirements, usage u: HostUsage, total: UInt64, available: UInt64, reservedRAM: UInt64, reservedGPUs: Int) -> String? {
        let ram = needs.ram ?? 0, gpus = needs.gpus ?? 0
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
}
