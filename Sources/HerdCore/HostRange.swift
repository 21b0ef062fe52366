/// Folds host names into range expressions, as clush and pdsh print them: tb01…tb07, tb09 → `tb[01-07,09]`.
/// The inverse of the ranges `TargetSelector` expands.
public enum HostRange {
    /// `names` folded: names sharing a prefix and number width become one bracket range; others stay as they are.
    /// Groups keep the order of their first member.
    public static func fold(_ names: [String]) -> String {
        // A number with a leading zero fixes the width of its group ("tb01" → width 2); one without joins the
        // padded group of its own length if there is one ("tb10" with "tb01"…), else the unpadded group.
        func split(_ name: String) -> (prefix: String, digits: String)? {
            let count = name.reversed().prefix { $0.isASCIIDigit }.count
            guard count > 0 else { return nil }
            return (String(name.dropLast(count)), String(name.suffix(count)))
        }
        var paddedWidths: [String: Set<Int>] = [:]
        for name in names {
            if let (p, d) = split(name), d.count > 1, d.hasPrefix("0") { paddedWidths[p, default: []].insert(d.count) }
        }
        var order: [String] = []
        var groups: [String: [(Int, String)]] = [:]
        var loose: Set<String> = []
        for name in names {
            guard let (prefix, digits) = split(name), let n = Int(digits) else {
                if loose.insert(name).inserted { order.append("\u{0}" + name) }
                continue
            }
            let padded = (digits.count > 1 && digits.hasPrefix("0")) || paddedWidths[prefix]?.contains(digits.count) == true
            let key = "\(prefix)\u{1}\(padded ? digits.count : 0)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append((n, digits))
        }
        return order.map { key -> String in
            if key.hasPrefix("\u{0}") { return String(key.dropFirst()) }
            let prefix = String(key.split(separator: "\u{1}", omittingEmptySubsequences: false)[0])
            let members = (groups[key] ?? []).sorted { $0.0 < $1.0 }
            var unique: [(Int, String)] = []
            for m in members where unique.last?.0 != m.0 { unique.append(m) }
            if unique.count == 1 { return prefix + unique[0].1 }
            var parts: [String] = []
            var i = 0
            while i < unique.count {
                var j = i
                while j + 1 < unique.count, unique[j + 1].0 == unique[j].0 + 1 { j += 1 }
                parts.append(i == j ? unique[i].1 : "\(unique[i].1)-\(unique[j].1)")
                i = j + 1
            }
            return "\(prefix)[\(parts.joined(separator: ","))]"
        }.joined(separator: ",")
    }
}
