/// CPU use from the aggregate `cpu` line of Linux `/proc/stat`
/// ("cpu  4705 150 1120 16250 520 0 15 0 0 0": user nice system idle iowait irq softirq steal guest guest_nice,
/// in clock ticks since boot). A share of busy time needs two readings: the agent prints the previous reading
/// and the current one, and the percentage is the busy share of the ticks between them.
public enum CPUStatParser {
    /// The ticks of one reading: busy (everything but idle and iowait) and the total.
    public struct Ticks: Sendable, Equatable {
        public var busy: UInt64
        public var total: UInt64
    }

    /// One `cpu …` line; nil unless it is the aggregate line with at least four tick counts.
    /// Guest time is already counted in user time, so only the first eight fields are summed.
    public static func ticks(_ line: Substring) -> Ticks? {
        let f = line.split(separator: " ")
        guard f.first == "cpu", f.count >= 5 else { return nil }
        var values: [UInt64] = []
        for field in f.dropFirst().prefix(8) {
            guard case .value(let v) = Plausible.bytes(field, in: 0...UInt64.max) else { return nil }
            values.append(v)
        }
        let total = Saturating.sum(values)
        let idle = Saturating.add(values[3], values.count > 4 ? values[4] : 0)
        return Ticks(busy: total >= idle ? total - idle : 0, total: total)
    }

    /// The busy percentage between the last two readings of `lines`: nil with one reading (a first probe), with
    /// counters that went backwards (a reboot) or with no ticks between them; a failure when a line is not a
    /// `cpu` line at all.
    public static func percent(_ lines: [Substring]) -> Result<Double?, ParseFailure> {
        var readings: [Ticks] = []
        for l in lines.suffix(2) {
            guard let t = ticks(l) else { return .failure(ParseFailure("unexpected '\(l.prefix(40))'")) }
            readings.append(t)
        }
        guard readings.count == 2 else { return .success(nil) }
        let a = readings[0], b = readings[1]
        guard b.total > a.total, b.busy >= a.busy else { return .success(nil) }
        let share = Double(b.busy - a.busy) / Double(b.total - a.total) * 100
        return .success(Plausible.within(min(share, 100), Plausible.percent))
    }
}
