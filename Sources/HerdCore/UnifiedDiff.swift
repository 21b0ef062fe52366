/// A line diff in unified format (`@@ -a,b +c,d @@` hunks, 3 lines of context), computed with Myers' algorithm.
///
/// Cost is bounded: past `maxEdits` differing lines (after the common head and tail are set aside) the middle is
/// shown as replaced whole, so a host printing something entirely different never makes herd quadratic.
public enum UnifiedDiff {
    /// Lines of context around each change.
    public static let context = 3
    /// The most edits the exact algorithm looks for before falling back to "replace the middle".
    public static let maxEdits = 2000

    /// One step of the edit script: a line kept, removed (from `a`) or added (from `b`).
    enum Op: Equatable { case keep(Int, Int), remove(Int), add(Int) }

    /// The hunks turning `a` into `b` (no `---`/`+++` header); empty when they are equal. A last line without a
    /// newline carries diff's `\ No newline at end of file` marker.
    public static func text(from a: String, to b: String) -> String {
        if a == b { return "" }
        let la = lines(a), lb = lines(b)
        let ops = script(la, lb)
        return render(ops, la, lb)
    }

    static func lines(_ s: String) -> [String] {
        if s.isEmpty { return [] }
        var parts = s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if s.hasSuffix("\n") { parts.removeLast() } else { parts[parts.count - 1] += "\n\\ No newline at end of file" }
        return parts
    }

    static func script(_ a: [String], _ b: [String]) -> [Op] {
        var head = 0
        while head < a.count && head < b.count && a[head] == b[head] { head += 1 }
        var tail = 0
        while tail < a.count - head && tail < b.count - head && a[a.count - 1 - tail] == b[b.count - 1 - tail] { tail += 1 }
        var ops = (0..<head).map { Op.keep($0, $0) }
        let ma = Array(a[head..<(a.count - tail)]), mb = Array(b[head..<(b.count - tail)])
        let middle = myers(ma, mb) ?? (ma.indices.map { Op.remove($0) } + mb.indices.map { Op.add($0) })
        for op in middle {
            switch op {
            case .keep(let i, let j): ops.append(.keep(i + head, j + head))
            case .remove(let i): ops.append(.remove(i + head))
            case .add(let j): ops.append(.add(j + head))
            }
        }
        for t in 0..<tail { ops.append(.keep(a.count - tail + t, b.count - tail + t)) }
        return ops
    }

    /// Myers' O((N+M)D) shortest edit script; nil when it needs more than `maxEdits` edits.
    static func myers(_ a: [String], _ b: [String]) -> [Op]? {
        let n = a.count, m = b.count
        if n == 0 { return b.indices.map { Op.add($0) } }
        if m == 0 { return a.indices.map { Op.remove($0) } }
        let limit = min(n + m, maxEdits)
        let off = limit + 1
        var v = [Int](repeating: 0, count: 2 * limit + 3)
        var trace: [[Int]] = []
        for d in 0...limit {
            // The furthest x on each diagonal after d-1 edits, for k in -(d-1)...(d-1).
            trace.append(d == 0 ? [] : Array(v[(off - d + 1)...(off + d - 1)]))
            for k in stride(from: -d, through: d, by: 2) {
                var x = (k == -d || (k != d && v[off + k - 1] < v[off + k + 1])) ? v[off + k + 1] : v[off + k - 1] + 1
                var y = x - k
                while x < n && y < m && a[x] == b[y] { x += 1; y += 1 }
                v[off + k] = x
                if x >= n && y >= m { return backtrack(trace, d, n, m) }
            }
        }
        return nil
    }

    private static func backtrack(_ trace: [[Int]], _ depth: Int, _ n: Int, _ m: Int) -> [Op] {
        var x = n, y = m
        var ops: [Op] = []
        for d in stride(from: depth, to: 0, by: -1) {
            let prev = trace[d]
            func at(_ k: Int) -> Int { prev[k + d - 1] }
            let k = x - y
            let prevK = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1
            let prevX = at(prevK), prevY = prevX - prevK
            while x > prevX && y > prevY { x -= 1; y -= 1; ops.append(.keep(x, y)) }
            if x == prevX { y -= 1; ops.append(.add(y)) } else { x -= 1; ops.append(.remove(x)) }
        }
        while x > 0 && y > 0 { x -= 1; y -= 1; ops.append(.keep(x, y)) }
        return ops.reversed()
    }

    static func render(_ ops: [Op], _ a: [String], _ b: [String]) -> String {
        let changes = ops.indices.filter { if case .keep = ops[$0] { return false } else { return true } }
        guard var first = changes.first else { return "" }
        var out = ""
        var last = first
        var groups: [(Int, Int)] = []
        for c in changes.dropFirst() {
            if c - last > 2 * context { groups.append((first, last)); first = c }
            last = c
        }
        groups.append((first, last))
        // Lines of a and of b before each op: where a hunk starts.
        var before: [(Int, Int)] = []
        before.reserveCapacity(ops.count)
        var ai = 0, bi = 0
        for op in ops {
            before.append((ai, bi))
            switch op {
            case .keep: ai += 1; bi += 1
            case .remove: ai += 1
            case .add: bi += 1
            }
        }
        for (s, e) in groups {
            let lo = max(0, s - context), hi = min(ops.count - 1, e + context)
            let ai = before[lo].0, bi = before[lo].1
            var alen = 0, blen = 0, body = ""
            for op in ops[lo...hi] {
                switch op {
                case .keep(let i, _): alen += 1; blen += 1; body += " " + a[i] + "\n"
                case .remove(let i): alen += 1; body += "-" + a[i] + "\n"
                case .add(let j): blen += 1; body += "+" + b[j] + "\n"
                }
            }
            func range(_ start: Int, _ len: Int) -> String { len == 1 ? "\(start + 1)" : "\(len == 0 ? start : start + 1),\(len)" }
            out += "@@ -\(range(ai, alen)) +\(range(bi, blen)) @@\n" + body
        }
        return out
    }
}
