/// Where a job fits: hard constraints first (reachable, shared, tools, GPUs, RAM after reservations), then a
/// deterministic ranking of the hosts that pass, each with a fit score 0–100 and the reasons.
public enum Placement {
    /// One host's verdict.
    public struct Candidate: Sendable, Equatable, Codable {
        public var host: String
        /// Whether every hard constraint holds.
        public var fits: Bool
        /// 0–100, higher is better; 0 for hosts that do not fit.
        public var score: Int
        /// Why it fits (for the top hosts) or why not (for rejected ones).
        public var reasons: [String]
        /// RAM herd may still hand out there: min(available, cap − reserved).
        public var allocatable: UInt64?
    }

    /// All hosts of `states`, ranked (fitting ones first, best first), given `reserved` (host → reserved RAM and GPUs).
    public static func rank(
        _ states: [HostState], needs: Requirements, reserved: [String: (ram: UInt64, gpus: Int)]
    ) -> [Candidate] {
        var fitting: [(key: [Double], candidate: Candidate)] = []
        var rejected: [Candidate] = []
        for s in states {
            let h = s.host
            let held = reserved[h.name] ?? (0, 0)
            var why: [String] = []
            if h.dedicated { why.append("dedicated (only used when named)") }
            guard s.status.isUp, let u = s.usage, let total = u.memTotal, let available = u.memAvailable else {
                why.append(s.status.isUp ? "no memory figures from its probe" : "\(s.status.rawValue): \(s.reasons.first ?? "no answer")")
                rejected.append(Candidate(host: h.name, fits: false, score: 0, reasons: why, allocatable: nil))
                continue
            }
            let cap = Reservation.cap(total: total)
            let allocatable = Reservation.allocatable(total: total, available: available, reserved: held.ram)
            for t in needs.tools where !(u.tools ?? []).contains(t) { why.append("no \(t)") }
            let freeGPUs = max(0, Saturating.subtract(u.gpus.count, held.gpus))
            if let g = needs.gpus, g > 0, freeGPUs < g {
                why.append(u.gpus.isEmpty ? "no GPU" : "needs \(g) GPU(s), \(freeGPUs) free of \(u.gpus.count)")
            }
            let need = needs.ram ?? 0
            if need > allocatable {
                why.append("needs \(UsageFormat.bytes(need)) RAM, \(UsageFormat.bytes(allocatable)) allocatable"
                    + (held.ram > 0 ? " (\(UsageFormat.bytes(held.ram)) reserved)" : ""))
            }
            if let c = needs.cpus, let n = u.cpus, n < c { why.append("needs \(c) cores, has \(n)") }
            if !why.isEmpty {
                rejected.append(Candidate(host: h.name, fits: false, score: 0, reasons: why, allocatable: allocatable))
                continue
            }
            // Figures may come from a decoded file: only plausible ones count, and no Double reaches Int unchecked.
            let memPressure = Plausible.within(u.memPressure, Plausible.percent)
            let pressure = (memPressure ?? 0) / 100
            let usedRatio = total > 0 ? Double(total - min(total, available)) / Double(total) : 1
            let headroom = Double(allocatable - need) / Double(max(cap, 1))
            let reservationRatio = cap > 0 ? Double(held.ram) / Double(cap) : 1
            let wantsGPU = (needs.gpus ?? 0) > 0
            // Keep GPU hosts for GPU work: without a GPU requirement, hosts without GPUs come first.
            let gpuKey: Double = wantsGPU ? -(Double(freeGPUs) - (u.gpuUtilization ?? 0) / 100) : Double(u.gpus.count)
            // Memory pressure in bands, so small differences fall through to the next criteria: PSI in 10% bands
            // where the host reports it, otherwise the share of memory in use in quarters.
            let pressureBand = memPressure.map { ($0 / 10).rounded(.down) } ?? (usedRatio * 4).rounded(.down)
            let key = [pressureBand, gpuKey, -headroom, -Double(allocatable), reservationRatio]
            let score = Saturating.rounded((100 * (0.5 * headroom + 0.3 * (1 - max(pressure, usedRatio)) + 0.2 * (1 - reservationRatio))))
            var reasons = ["\(UsageFormat.bytes(allocatable)) allocatable after reservations" + (need > 0 ? " (needs \(UsageFormat.bytes(need)))" : "")]
            reasons.append("memory \(Saturating.rounded(usedRatio * 100))% used" + (memPressure.map { String(format: ", pressure %.1f%%", $0) } ?? ""))
            if wantsGPU { reasons.append("\(freeGPUs) free GPU(s)" + (u.gpuUtilization.map { ", \(Saturating.int($0))% busy" } ?? "")) }
            if held.ram > 0 { reasons.append("\(UsageFormat.bytes(held.ram)) already reserved") }
            if let l = Plausible.within(u.load1, Plausible.load), let n = u.cpus { reasons.append(String(format: "load %.2f on %d cores", l, n)) }
            fitting.append((key, Candidate(host: h.name, fits: true, score: max(0, min(100, score)), reasons: reasons, allocatable: allocatable)))
        }
        fitting.sort { a, b in
            for (x, y) in zip(a.key, b.key) where x != y { return x < y }
            return a.candidate.host < b.candidate.host
        }
        return fitting.map(\.candidate) + rejected.sorted { $0.host < $1.host }
    }
}
