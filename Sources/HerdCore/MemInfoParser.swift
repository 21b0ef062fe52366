/// Total and available memory (bytes) from Linux `/proc/meminfo`.
/// Kernels before 3.14 lack MemAvailable: then MemFree + Buffers + Cached stands in.
/// A value outside `Plausible.memoryBytes` leaves its figure unknown and is reported by name.
public enum MemInfoParser {
    /// What the lines gave: each figure when known and plausible, and one problem per figure that is not.
    public struct Output: Sendable, Equatable {
        public var total: UInt64?
        public var available: UInt64?
        public var problems: [String]
    }

    public static func parse(_ lines: [Substring]) -> Output {
        var bytes: [Substring: UInt64] = [:]
        var bad: [Substring] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon]
            guard ["MemTotal", "MemAvailable", "MemFree", "Buffers", "Cached"].contains(key), bytes[key] == nil, !bad.contains(key) else { continue }
            let fields = line[line.index(after: colon)...].split(separator: " ")
            guard let number = fields.first else { continue }
            let unit: UInt64 = fields.count > 1 && fields[1].lowercased() == "kb" ? 1024 : 1
            switch Plausible.bytes(number, unit: unit, in: Plausible.memoryBytes) {
            case .value(let v): bytes[key] = v
            case .outOfRange: bad.append(key)
            case .notANumber: continue
            }
        }
        var out = Output(total: nil, available: nil, problems: bad.map { "\($0) out of range" })
        if let t = bytes["MemTotal"], t > 0 {
            out.total = t
        } else if !bad.contains("MemTotal") {
            out.problems.append("missing MemTotal")
        }
        if let a = bytes["MemAvailable"] {
            out.available = a
        } else if bad.contains("MemAvailable") {
            // reported above
        } else if let free = bytes["MemFree"] {
            if !bad.contains("Buffers") && !bad.contains("Cached") {
                let sum = Saturating.sum([free, bytes["Buffers"] ?? 0, bytes["Cached"] ?? 0])
                if Plausible.memoryBytes.contains(sum) { out.available = sum } else { out.problems.append("MemFree + Buffers + Cached out of range") }
            }
        } else if !bad.contains("MemFree") {
            out.problems.append("missing MemAvailable and MemFree")
        }
        if let t = out.total, let a = out.available { out.available = min(a, t) }
        return out
    }
}
