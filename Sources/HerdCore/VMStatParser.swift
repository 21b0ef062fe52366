import Foundation

/// macOS `vm_stat` output: page size and page counts.
public enum VMStatParser {
    /// The counts herd uses.
    public struct Stats: Sendable, Equatable {
        public var pageSize: UInt64
        public var pages: [String: UInt64]

        /// Memory available without pressure: free + inactive + speculative + purgeable pages.
        public var availableBytes: UInt64 {
            ["Pages free", "Pages inactive", "Pages speculative", "Pages purgeable"]
                .reduce(0) { $0 + (pages[$1] ?? 0) } * pageSize
        }
    }

    public static func parse(_ lines: [Substring]) -> Result<Stats, ParseFailure> {
        var pageSize: UInt64 = 4096
        var pages: [String: UInt64] = [:]
        for line in lines {
            if line.hasPrefix("Mach Virtual Memory Statistics") {
                if let r = line.range(of: "page size of "), let n = UInt64(line[r.upperBound...].prefix { $0.isNumber }) {
                    pageSize = n
                }
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...].trimmingSpaces().replacingOccurrences(of: ".", with: "")
            if let n = UInt64(value) { pages[String(line[..<colon]).replacingOccurrences(of: "\"", with: "")] = n }
        }
        guard pages["Pages free"] != nil else { return .failure(ParseFailure("missing 'Pages free'")) }
        return .success(Stats(pageSize: pageSize, pages: pages))
    }
}
