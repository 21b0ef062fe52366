/// Total and available memory (bytes) from Linux `/proc/meminfo`.
/// Kernels before 3.14 lack MemAvailable: then MemFree + Buffers + Cached stands in.
public enum MemInfoParser {
    public static func parse(_ lines: [Substring]) -> Result<(total: UInt64, available: UInt64), ParseFailure> {
        var kb: [Substring: UInt64] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon]
            let fields = line[line.index(after: colon)...].split(separator: " ")
            guard let n = fields.first.flatMap({ UInt64($0) }) else { continue }
            let unit = fields.count > 1 ? fields[1].lowercased() : ""
            kb[key] = unit == "kb" ? n : n / 1024
        }
        guard let total = kb["MemTotal"], total > 0 else { return .failure(ParseFailure("missing MemTotal")) }
        let available: UInt64
        if let a = kb["MemAvailable"] {
            available = a
        } else if let free = kb["MemFree"] {
            available = free + (kb["Buffers"] ?? 0) + (kb["Cached"] ?? 0)
        } else {
            return .failure(ParseFailure("missing MemAvailable and MemFree"))
        }
        return .success((total * 1024, min(available, total) * 1024))
    }
}
