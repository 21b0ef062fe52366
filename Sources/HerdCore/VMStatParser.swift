import Foundation

/// macOS `vm_stat` output: page size and page counts.
public enum VMStatParser {
    /// The counts herd uses.
    public struct Stats: Sendable, Equatable {
        public var pageSize: UInt64
        public var pages: [String: UInt64]

        /// Memory available without pressure: free + inactive + speculative + purgeable pages; nil when the
        /// counts add up to more than `Plausible.memoryBytes`.
        public var availableBytes: UInt64? {
            let count = Saturating.sum(["Pages free", "Pages inactive", "Pages speculative", "Pages purgeable"].map { pages[$0] ?? 0 })
            let (bytes, overflow) = count.multipliedReportingOverflow(by: pageSize)
            return !overflow && Plausible.memoryBytes.contains(bytes) ? bytes : nil
        }
    }

    public static func parse(_ lines: [Substring]) -> Result<Stats, ParseFailure> {
        var pageSize: UInt64 = 4096
        var pages: [String: UInt64] = [:]
        for line in lines {
            if line.hasPrefix("Mach Virtual Memory Statistics") {
                if let r = line.range(of: "page size of ") {
                    switch Plausible.bytes(line[r.upperBound...].prefix { $0 != " " }, in: Plausible.pageSize) {
                    case .value(let n): pageSize = n
                    case .outOfRange: return .failure(ParseFailure("page size out of range"))
                    case .notANumber: break
                    }
                }
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...].trimmingSpaces()
            let number = value.hasSuffix(".") ? String(value.dropLast()) : value
            if let n = UInt64(number) { pages[String(line[..<colon]).replacingOccurrences(of: "\"", with: "")] = n }
        }
        guard pages["Pages free"] != nil else { return .failure(ParseFailure("missing 'Pages free'")) }
        return .success(Stats(pageSize: pageSize, pages: pages))
    }
}
