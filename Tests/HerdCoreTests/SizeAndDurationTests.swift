import Foundation
import HerdCore
import Testing

/// Sizes refuse bare numbers, durations take compound forms, absolute times carry their date off today.
@Suite struct SizeAndDurationTests {
    @Test(arguments: ["17", "1024", "0.5", " 17 "])
    func bareNumbersAreRefusedWithAHint(_ text: String) {
        #expect {
            try ByteSize.parse(text, argument: "--ram")
        } throws: { error in
            let m = "\(error)"
            return m.contains("--ram") && m.contains("say \(text.trimmingCharacters(in: .whitespaces))G")
        }
    }

    @Test(arguments: [("17G", UInt64(17) << 30), ("17g", UInt64(17) << 30), ("100B", UInt64(100)), ("2KiB", UInt64(2048)), ("1.5G", UInt64(3) << 29)])
    func sizesWithUnits(_ text: String, _ bytes: UInt64) throws {
        #expect(try ByteSize.parse(text) == bytes)
    }

    @Test(arguments: ["G", "-5G", "12X", "abc", "1e3G", "nanG", "99999999999T", "1..5G", "١٧G"])
    func badSizesNameTheArgument(_ text: String) {
        #expect {
            try ByteSize.parse(text, argument: "--ram")
        } throws: { error in "\(error)".hasPrefix("--ram: ") && !"\(error)".contains("\n") }
    }

    @Test(arguments: [("45s", 45.0), ("90m", 5400.0), ("2h", 7200.0), ("2d", 172_800.0), ("1h30m", 5400.0), ("1d12h", 129_600.0),
                      ("1h30m15s", 5415.0), ("1.5h", 5400.0), ("1w", 604_800.0), (" 45M ", 2700.0)])
    func durations(_ text: String, _ seconds: Double) throws {
        #expect(try ByteSize.parseDuration(text, argument: "--ttl") == seconds)
    }

    @Test(arguments: ["", "45", "1x", "h", "30m1h", "1h1h", "0s", "-5m", "1h 30m", "m30", "1e9d", "٤٥m"])
    func badDurationsAreOneLineNamingTheArgument(_ text: String) {
        #expect {
            try ByteSize.parseDuration(text, argument: "--ttl")
        } throws: { error in "\(error)".hasPrefix("--ttl: '\(text)' is not a duration") && !"\(error)".contains("\n") }
    }

    @Test func clockTimesShowTheDateWhenNotToday() {
        let utc = TimeZone(identifier: "UTC")!
        let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18 11:06:40 UTC
        #expect(ClockTime.text(now.addingTimeInterval(3600), now: now, timeZone: utc) == "12:06")
        #expect(ClockTime.text(now.addingTimeInterval(86_400), now: now, timeZone: utc) == "Nov 19 11:06")
        #expect(ClockTime.text(now.addingTimeInterval(-86_400), now: now, timeZone: utc) == "Nov 17 11:06")
        #expect(ClockTime.text(now.addingTimeInterval(60 * 86_400), now: now, timeZone: utc) == "2027-01-17 11:06")
    }
}
