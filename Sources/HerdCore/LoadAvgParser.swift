/// Load averages from Linux `/proc/loadavg` ("0.10 0.23 0.12 1/80 8335") or macOS
/// `sysctl -n vm.loadavg` ("{ 1.71 1.92 2.06 }"). Each must lie in `Plausible.load`.
public enum LoadAvgParser {
    public static func parseProc(_ line: Substring) -> Result<[Double], ParseFailure> {
        three(line.split(separator: " ").prefix(3))
    }

    public static func parseSysctl(_ line: Substring) -> Result<[Double], ParseFailure> {
        three(line.split(separator: " ").filter { $0 != "{" && $0 != "}" }.prefix(3))
    }

    private static func three(_ fields: ArraySlice<Substring>) -> Result<[Double], ParseFailure> {
        // Some locales print a decimal comma; LC_ALL=C should prevent it, but accept it anyway (Plausible.decimal does).
        let readings = fields.map { Plausible.decimal($0, in: Plausible.load) }
        guard readings.count == 3, !readings.contains(.notANumber) else { return .failure(ParseFailure("expected three numbers")) }
        let v = readings.compactMap(\.value)
        guard v.count == 3 else { return .failure(ParseFailure("out of range")) }
        return .success(v)
    }
}
