/// Sizes as people type them: `17G`, `16GB`, `512M`, `1.5T`, `8GiB`, `100B`. Binary units (G = 2^30). A bare
/// number is refused: `--ram 17` meaning 17 bytes was never what anyone meant.
public enum ByteSize {
    /// The bytes `text` stands for; throws `HerdError.invalidInput` naming `argument` (e.g. `--ram`) and the text.
    public static func parse(_ text: String, argument: String? = nil) throws -> UInt64 {
        let name = argument.map { "\($0): " } ?? ""
        let example = "examples: 17G, 512M, 1.5T"
        let t = text.trimmingSpaces().uppercased()
        let number = t.prefix { $0.isASCIIDigit || $0 == "." }
        var unit = t.dropFirst(number.count).trimmingSpaces()
        guard let n = Double(number), n.isFinite, n > 0 else {
            throw HerdError.invalidInput("\(name)'\(text)' is not a size (\(example))")
        }
        if unit.isEmpty { throw HerdError.invalidInput("\(name)'\(text)' has no unit: say \(number)G (or \(number)M, \(number)K; \(number)B for bytes)") }
        if unit != "B" {
            for suffix in ["IB", "B"] where unit.hasSuffix(suffix) {
                unit = String(unit.dropLast(suffix.count))
                break
            }
        }
        let scale: Double
        switch unit {
        case "B": scale = 1
        case "K": scale = 1024
        case "M": scale = 1024 * 1024
        case "G": scale = 1024 * 1024 * 1024
        case "T": scale = 1024 * 1024 * 1024 * 1024
        default: throw HerdError.invalidInput("\(name)'\(text)' is not a size (\(example))")
        }
        guard n * scale < 1.8e19 else { throw HerdError.invalidInput("\(name)'\(text)' is too large") }
        return UInt64((n * scale).rounded())
    }

    /// Durations such as `45s`, `90m`, `2h`, `2d`, `1h30m`, `1d12h`, in seconds. Every number needs a unit (a bare
    /// `45` could mean seconds or minutes); throws `HerdError.invalidInput` naming `argument` and the text.
    public static func parseDuration(_ text: String, argument: String? = nil) throws -> Double {
        let bad = HerdError.invalidInput("\(argument.map { "\($0): " } ?? "")'\(text)' is not a duration (examples: 45s, 90m, 2h, 1h30m, 2d)")
        let t = text.trimmingSpaces().lowercased()
        var rest = Substring(t)
        var total = 0.0
        var lastScale = Double.infinity
        if rest.isEmpty { throw bad }
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCIIDigit || $0 == "." }
            rest = rest.dropFirst(number.count)
            guard let n = Double(number), n.isFinite, let u = rest.first else { throw bad }
            rest = rest.dropFirst()
            let scale: Double
            switch u {
            case "s": scale = 1
            case "m": scale = 60
            case "h": scale = 3600
            case "d": scale = 86400
            case "w": scale = 7 * 86400
            default: throw bad
            }
            // Largest unit first, each once: `30m1h` and `1h1h` are typos, not durations.
            guard scale < lastScale else { throw bad }
            lastScale = scale
            total += n * scale
        }
        guard total > 0, total < 1e10 else { throw bad }
        return total
    }
}
