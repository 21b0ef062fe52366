/// "Did you mean …?" hints: the closest known name by edit distance.
public enum Suggestion {
    /// The candidate closest to `word` when it is near enough to be a plausible typo, else nil.
    /// Ties go to the longer common prefix (`tb13` suggests `tb12`, not `tb03`), then to the earlier candidate.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        if let same = candidates.first(where: { sameNumbered($0, word) }) { return same }
        let limit = max(2, word.count / 3)
        let w = word.lowercased()
        var best: (name: String, distance: Int, prefix: Int)?
        for c in candidates {
            let lc = c.lowercased()
            let d = distance(w, lc)
            guard d <= limit else { continue }
            let p = zip(w, lc).prefix { $0 == $1 }.count
            if let b = best, d > b.distance || (d == b.distance && p <= b.prefix) { continue }
            best = (c, d, p)
        }
        return best?.name
    }

    /// Whether `a` and `b` differ only in the zero padding of a trailing number (`tb1` and `tb01`).
    static func sameNumbered(_ a: String, _ b: String) -> Bool {
        func split(_ s: String) -> (Substring, Int)? {
            let digits = s.reversed().prefix { $0.isNumber }.count
            guard digits > 0, let n = Int(s.suffix(digits)) else { return nil }
            return (s.dropLast(digits), n)
        }
        guard a != b, let x = split(a), let y = split(b) else { return false }
        return x.0 == y.0 && x.1 == y.1
    }

    /// Levenshtein distance between `a` and `b`.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
