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
        /// Whether the host is this machine (axis's local node: +10, preferred on ties).
        public var local: Bool

        public init(host: String, fits: Bool, score: Int, reasons: [String], allocatable: UInt64?, local: Bool = false) {
            self.host = host
            self.fits = fits
            self.score = score
            self.reasons = reasons
            self.allocatable = allocatable
            self.local = local
        }

        /// axis's label: `(local, fit 87/100)` or `(remote, fit 61/100)`; `(remote, no fit)` when it does not fit.
        public var label: String {
            "(\(local ? "local" : "remote"), " + (fits ? "fit \(score)/100)" : "no fit)")
        }
    }

    /// A GPU counts as free under this utilisation, in percent.
    public static let idleUtilization: Double = 10

    /// The free memory a GPU must have to count as free when `--gpu-mem` is not given.
    public static let defaultGPUMemory: UInt64 = 1 << 30

    /// Whether `gpu` can take a job: under `idleUtilization` busy (an unreported utilisation counts as idle) and at
    /// least `memory` bytes free (unknown memory counts only when no more than the default is asked).
    public static func isFree(_ gpu: GPUUsage, memory: UInt64) -> Bool {
        if let u = Plausible.within(gpu.utilization, Plausible.percent), u >= idleUtilization { return false }
        guard let free = freeMemory(gpu) else { return memory <= defaultGPUMemory }
        return free >= memory
    }

    /// Free memory of `gpu` when both figures are plausible (used above total counts as none free).
    static func freeMemory(_ gpu: GPUUsage) -> UInt64? {
        guard let t = gpu.memTotal, let u = gpu.memUsed, Plausible.gpuMemoryBytes.contains(t), Plausible.gpuMemoryBytes.contains(u) else { return nil }
        return t > u ? t - u : 0
    }

    /// "GPU 0 A100: 97% busy, 2.0G free of 80G", the name made safe for a terminal.
    static func describe(_ gpu: GPUUsage) -> String {
        let util = Plausible.within(gpu.utilization, Plausible.percent).map { "\(Saturating.int($0))% busy" } ?? "busy unknown"
        let mem: String
        if let free = freeMemory(gpu), let t = gpu.memTotal {
            mem = "\(UsageFormat.bytes(free)) free of \(UsageFormat.bytes(t))"
        } else {
            mem = "memory unknown"
        }
        return "GPU \(gpu.index) \(TerminalText.line(String(gpu.name.prefix(40)))): \(util), \(mem)"
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
                rejected.append(Candidate(host: h.name, fits: false, score: 0, reasons: why, allocatable: nil, local: h.isLocal))
                continue
            }
            let cap = Reservation.cap(total: total)
            let allocatable = Reservation.allocatable(total: total, available: available, reserved: held.ram)
            for t in needs.tools where !(u.tools ?? []).contains(t) { why.append("no \(t)") }
            let wantsGPU = (needs.gpus ?? 0) > 0
            let gpuMem = needs.gpuMem ?? defaultGPUMemory
            let idle = u.gpus.filter { isFree($0, memory: gpuMem) }
            // A reserved GPU is either idle (its job has not started) or busy (then not idle already): free GPUs are
            // the idle ones, never more than the GPUs nobody reserved.
            let freeGPUs = max(0, min(idle.count, Saturating.subtract(u.gpus.count, held.gpus)))
            if let g = needs.gpus, g > 0, freeGPUs < g {
                if u.gpus.isEmpty {
                    why.append("no GPU")
                } else {
                    why.append("needs \(g) GPU(s), \(freeGPUs) free of \(u.gpus.count)"
                        + " (free: under \(Int(idleUtilization))% busy, \(UsageFormat.bytes(gpuMem)) memory free)")
                    for gpu in u.gpus.prefix(8) where !idle.contains(gpu) { why.append(describe(gpu)) }
                }
            }
            let need = needs.ram ?? 0
            if need > allocatable {
                why.append("needs \(UsageFormat.bytes(need)) RAM, \(UsageFormat.bytes(allocatable)) allocatable"
                    + (held.ram > 0 ? " (\(UsageFormat.bytes(held.ram)) reserved)" : ""))
            }
            if let c = needs.cpus, let n = u.cpus, n < c { why.append("needs \(c) cores, has \(n)") }
            if !why.isEmpty {
                rejected.append(Candidate(host: h.name, fits: false, score: 0, reasons: why, allocatable: allocatable, local: h.isLocal))
                continue
            }
            // Figures may come from a decoded file: only plausible ones count, and no Double reaches Int unchecked.
            let memPressure = Plausible.within(u.memPressure, Plausible.percent)
            let pressure = (memPressure ?? 0) / 100
            let usedRatio = total > 0 ? Double(total - min(total, available)) / Double(total) : 1
            let headroom = Double(allocatable - need) / Double(max(cap, 1))
            let reservationRatio = cap > 0 ? Double(held.ram) / Double(cap) : 1
            // How idle the GPUs the job would get are, 0–1 (the idlest `g` of the free ones).
            let g = max(needs.gpus ?? 0, 0)
            let chosenUtil = idle.compactMap { Plausible.within($0.utilization, Plausible.percent) }.sorted().prefix(g)
            let gpuIdleness = wantsGPU ? 1 - (chosenUtil.isEmpty ? 0 : chosenUtil.reduce(0, +) / Double(chosenUtil.count)) / 100 : 0
            // Keep GPU hosts for GPU work: without a GPU requirement, hosts without GPUs come first.
            let gpuKey: Double = wantsGPU ? -(Double(freeGPUs) + gpuIdleness) : Double(u.gpus.count)
            // Memory pressure in bands, so small differences fall through to the next criteria: PSI in 10% bands
            // where the host reports it, otherwise the share of memory in use in quarters.
            let pressureBand = memPressure.map { ($0 / 10).rounded(.down) } ?? (usedRatio * 4).rounded(.down)
            // `heavy`: hosts with the preferred cores come first within a pressure band, the others still fit.
            let fewCores: Double = needs.preferredCpus.map { p in (u.cpus ?? 0) < p ? 1 : 0 } ?? 0
            let localKey: Double = h.isLocal ? 0 : 1
            let key = [pressureBand, fewCores, gpuKey, localKey, -headroom, -Double(allocatable), reservationRatio]
            // axis's terms: resources are worth up to 65 points (90 without GPU work), a free idle GPU 25 when the
            // job wants one, this machine 10.
            let resources = 0.5 * headroom + 0.3 * (1 - max(pressure, usedRatio)) + 0.2 * (1 - reservationRatio)
            let score = Saturating.rounded(resources * (wantsGPU ? 65 : 90) + 25 * gpuIdleness + (h.isLocal ? 10 : 0))
            var reasons = ["\(UsageFormat.bytes(allocatable)) allocatable after reservations" + (need > 0 ? " (needs \(UsageFormat.bytes(need)))" : "")]
            reasons.append("memory \(Saturating.rounded(usedRatio * 100))% used" + (memPressure.map { String(format: ", pressure %.1f%%", $0) } ?? ""))
            if wantsGPU {
                reasons.append("\(freeGPUs) free GPU(s) of \(u.gpus.count) (+\(Saturating.rounded(25 * gpuIdleness)) GPU)")
                for gpu in idle.prefix(4) { reasons.append(describe(gpu)) }
            }
            if h.isLocal { reasons.append("this machine (+10 local)") }
            if let p = needs.preferredCpus, let n = u.cpus { reasons.append(n >= p ? "\(n) cores (heavy wants \(p))" : "only \(n) cores (heavy prefers \(p))") }
            if held.ram > 0 { reasons.append("\(UsageFormat.bytes(held.ram)) already reserved") }
            if let l = Plausible.within(u.load1, Plausible.load), let n = u.cpus { reasons.append(String(format: "load %.2f on %d cores", l, n)) }
            fitting.append((key, Candidate(host: h.name, fits: true, score: max(0, min(100, score)), reasons: reasons, allocatable: allocatable, local: h.isLocal)))
        }
        fitting.sort { a, b in
            for (x, y) in zip(a.key, b.key) where x != y { return x < y }
            return a.candidate.host < b.candidate.host
        }
        return fitting.map(\.candidate) + rejected.sorted { $0.host < $1.host }
    }
}
