import ArgumentParser
import HerdCore

/// How `--timeout`, `--interval` and `--grace` read their value: a bare number is seconds (as before), otherwise a
/// duration with units as `--ttl` takes them (`30s`, `2m`, `1h30m`). Range checks stay in each command's validate().
enum DurationOption {
    /// Seconds from `5`, `0.5`, `30s`, `2m` or `1h30m`; a one-line error otherwise.
    static func seconds(_ text: String) throws -> Double {
        if let n = Double(text.trimmingCharacters(in: .whitespaces)) { return n }
        do { return try ByteSize.parseDuration(text) } catch {
            throw ValidationError("'\(TerminalText.line(text))' is not a number of seconds or a duration (examples: 5, 30s, 2m, 1h30m)")
        }
    }

    /// Whole seconds (rounded up), for options that count in whole seconds.
    static func wholeSeconds(_ text: String) throws -> Int {
        let s = try seconds(text)
        guard s.isFinite, s >= 0, s <= Double(Int32.max) else { throw ValidationError("'\(TerminalText.line(text))' is out of range") }
        return Int(s.rounded(.up))
    }
}
