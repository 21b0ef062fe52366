import Foundation

/// The last few minutes of one host, for sparklines and graphs: a fixed-size ring of samples of load per core,
/// CPU, RAM, GPU utilisation and GPU memory. Memory is bounded (`capacity` samples of five `Float`s); a sample is
/// taken only when the host answered a newer probe, and every figure is checked (`Plausible`) before it is kept.
public struct HostHistory: Sendable, Equatable {
    /// One kind of figure in the history.
    public enum Series: Int, Sendable, CaseIterable {
        /// 1-minute load divided by the CPU count (1 = every core busy).
        case loadPerCore
        /// CPU busy, percent.
        case cpu
        /// RAM in use, percent of total.
        case ram
        /// Mean utilisation of the host's GPUs, percent.
        case gpu
        /// GPU memory in use over all GPUs, percent of total.
        case gpuMemory
    }

    /// Samples kept per host by default: four minutes at the dashboard's 2 s interval.
    public static let defaultCapacity = 120

    public let capacity: Int
    /// Ring storage, one row of `Series.allCases.count` values per slot; `.nan` marks an unknown figure.
    private var slots: [Float]
    /// The slot the next sample goes into.
    private var next = 0
    /// Samples held (at most `capacity`).
    public private(set) var count = 0
    /// When the newest sample was taken (the probe's `lastSeen`).
    public private(set) var lastTime: Date?

    /// Equal when the same samples are held: unknown figures (`.nan`) compare equal to each other, so a state that
    /// holds a history equals itself.
    public static func == (a: HostHistory, b: HostHistory) -> Bool {
        a.capacity == b.capacity && a.next == b.next && a.count == b.count && a.lastTime == b.lastTime
            && a.slots.elementsEqual(b.slots) { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }
    }

    public init(capacity: Int = HostHistory.defaultCapacity) {
        self.capacity = max(1, min(capacity, 10_000))
        slots = [Float](repeating: .nan, count: self.capacity * Series.allCases.count)
    }

    /// Adds the figures of `usage`, answered at `time`; ignored unless `time` is newer than the last sample.
    public mutating func record(_ usage: HostUsage?, at time: Date) {
        if let last = lastTime, time <= last { return }
        lastTime = time
        let row = next * Series.allCases.count
        for s in Series.allCases { slots[row + s.rawValue] = Self.figure(s, usage).map(Float.init) ?? .nan }
        next = (next + 1) % capacity
        count = min(count + 1, capacity)
    }

    /// The last `n` (at most `count`) values of `series`, oldest first; nil where the figure was unknown.
    public func values(_ series: Series, last n: Int = .max) -> [Double?] {
        let k = max(0, min(n, count))
        return (0..<k).map { i in
            let slot = (next - k + i + capacity) % capacity
            let v = slots[slot * Series.allCases.count + series.rawValue]
            return v.isNaN ? nil : Double(v)
        }
    }

    /// The newest value of `series`, if known.
    public func latest(_ series: Series) -> Double? { values(series, last: 1).first ?? nil }

    /// The figure of `series` in `usage`, nil when unknown or implausible.
    static func figure(_ series: Series, _ usage: HostUsage?) -> Double? {
        guard let u = usage else { return nil }
        switch series {
        case .loadPerCore:
            guard let l = Plausible.within(u.load1, Plausible.load), let c = u.cpus, c > 0 else { return nil }
            return l / Double(c)
        case .cpu: return Plausible.within(u.cpuPercent, Plausible.percent)
        case .ram: return percent(u.memUsed, u.memTotal)
        case .gpu: return u.gpuUtilization
        case .gpuMemory:
            let g = u.gpus.filter { $0.memUsed != nil && $0.memTotal != nil }
            return g.isEmpty ? nil : percent(Saturating.sum(g.compactMap(\.memUsed)), Saturating.sum(g.compactMap(\.memTotal)))
        }
    }

    /// `used` as a percentage of `total` (0–100), nil when either is unknown or the total is zero.
    public static func percent(_ used: UInt64?, _ total: UInt64?) -> Double? {
        guard let used, let total, total > 0 else { return nil }
        return min(100, Double(used) / Double(total) * 100)
    }
}
