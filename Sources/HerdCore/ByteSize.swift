/// Sizes as people type them: `17G`, `16GB`, `512M`, `1.5T`, `8GiB`, `1024` (bytes). Binary units (G = 2^30).
public enum ByteSize {
    /// The bytes `text` stands for; throws `HerdError.invalidInput` naming the text.
    public static func parse(_ text: String) throws -> UInt64 {
        let t = text.trimmingSpaces().uppercased()
        let number = t.prefix { $0.isNumber || $0 == "." }
        var unit = t.dropFirst(number.count).trimmingSpaces()
        for suffix in ["IB", "B"] where unit.hasSuffix(suffix) && unit.count > suffix.count - 1 {
            unit = String(unit.dropLast(suffix.count))
            break
        }
        let scale: Double
        switch unit {
        case "": scale = 1
        case "K": scale = 1024
        case "M": scale = 1024 * 1024
        case "G": scale = 1024 * 1024 * 1024
        case "T": scale = 1024 * 1024 * 1024 * 1024
        default: throw HerdError.invalidInput("'\(text)' is not a size (examples: 17G, 512M, 1.5T)")
        }
        guard let n = Double(number), n > 0, n * scale < 1.8e19 else {
            throw HerdError.invalidInput("'\(text)' is not a size (examples: 17G, 512M, 1.5T)")
        }
        return UInt64((n * scale).rounded())
    }

    /// Durations for TTLs: `45m`, `2h`, `90s`, `1d`, or plain seconds.
    public static func parseDuration(_ text: String) throws -> Double {
        let t = text.trimmingSpaces().lowercased()
        let number = t.prefix { $0.isNumber || $0 == "." }
        let unit = t.dropFirst(number.count)
        let scale: Double
        switch unit {
        case "", "s": scale = 1
        case "m": scale = 60
        case "h": scale = 3600
        case "d": scale = 86400
        default: throw HerdError.invalidInput("'\(text)' is not a duration (examples: 45m, 2h, 90s)")
        }
        guard let n = Double(number), n > 0 else { throw HerdError.invalidInput("'\(text)' is not a duration (examples: 45m, 2h, 90s)") }
        return n * scale
    }
}
