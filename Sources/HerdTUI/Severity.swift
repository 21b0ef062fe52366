import HerdCore

/// How worrying a figure is, from one table of thresholds (documented in docs/THEMES.md): every severity colour
/// of the dashboard comes from here, so the table, the host rows and the detail view always agree.
public enum Severity: Int, Comparable, Sendable, CaseIterable {
    case ok, warn, high

    /// A figure the dashboard colours by level.
    public enum Metric: String, Sendable, CaseIterable {
        case loadPerCore = "load/core", cpu, ram, disk, gpu, gpuMemory = "gpu mem"
    }

    /// The level each metric reaches at `warn` and at `high` (percent, or load per core).
    public static let thresholds: [(metric: Metric, warn: Double, high: Double)] = [
        (.loadPerCore, 0.9, 1.5),
        (.cpu, 80, 95),
        (.ram, 80, 95),
        (.disk, 85, 95),
        (.gpu, 70, 95),
        (.gpuMemory, 80, 95),
    ]

    public static func < (a: Severity, b: Severity) -> Bool { a.rawValue < b.rawValue }

    /// The level of `value` for `metric`; nil, nan and negative figures are `ok` (unknown is not trouble).
    public static func of(_ metric: Metric, _ value: Double?) -> Severity {
        guard let v = value, v.isFinite, let t = thresholds.first(where: { $0.metric == metric }) else { return .ok }
        return v >= t.high ? .high : v >= t.warn ? .warn : .ok
    }

    /// The colour role for this level, `normal` when all is well.
    public func role(_ normal: ColorRole) -> ColorRole {
        switch self {
        case .ok: normal
        case .warn: .barWarn
        case .high: .barHigh
        }
    }

    /// Every metric's figure in `usage` (nil when unknown), in table order.
    public static func figures(_ u: HostUsage?) -> [(Metric, Double?)] {
        guard let u else { return [] }
        let load: Double? = Plausible.within(u.load1, Plausible.load).flatMap { l in u.cpus.flatMap { $0 > 0 ? l / Double($0) : nil } }
        return [
            (.loadPerCore, load),
            (.cpu, Plausible.within(u.cpuPercent, Plausible.percent)),
            (.ram, HostHistory.percent(u.memUsed, u.memTotal)),
            (.disk, u.disk.map { Double($0.percentUsed) }),
            (.gpu, u.gpuUtilization),
            (.gpuMemory, u.gpus.compactMap { HostHistory.percent($0.memUsed, $0.memTotal) }.max()),
        ]
    }

    /// The worst level among `usage`'s figures and the metric that reached it (nil when all are ok).
    public static func worst(_ usage: HostUsage?) -> (level: Severity, metric: Metric?) {
        var best: (Severity, Metric?) = (.ok, nil)
        for (m, v) in figures(usage) {
            let l = of(m, v)
            if l > best.0 { best = (l, m) }
        }
        return best
    }
}
