/// Load averages from Linux `/proc/loadavg` ("0.10 0.23 0.12 1/80 8335") or macOS
/// `sysctl -n vm.loadavg` ("{ 1.71 1.92 2.06 }").
public enum LoadAvgParser {
    public static func parseProc(_ line: Substring) -> Result<[Double], ParseFailure> {
        three(line.split(separator: " ").prefix(3))
    }

    public static func parseSysctl(_ line: Substring) -> Result<[Double], ParseFailure> {
        three(line.split(separator: " ").filter { $0 != "{" && $0 != "}" }.prefix(3))
    }

    private static func three(_ fields: ArraySlice<Substring>) -> Result<[Double], ParseFailure> {
        // Some locales print a decimal comma; LC_ALL=C should prevent it, but accept it anyway.
        let v = fields.compactMap { Double($0.replacingOccurrences(",", ".")) }
        guard v.count == 3, v.allSatisfy({ $0 >= 0 && $0.isFinite }) else { return .failure(ParseFailure("expected three numbers")) }
        return .success(v)
    }
}

extension Substring {
    func replacingOccurrences(_ a: Character, _ b: Character) -> String {
        String(map { $0 == a ? b : $0 })
    }
}
