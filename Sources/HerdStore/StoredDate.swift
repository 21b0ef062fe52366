import Foundation
import GRDB

/// A date as the job database stores it: GRDB's text form, `yyyy-MM-dd HH:mm:ss.SSS` in UTC, written here rather than
/// by GRDB's `DateFormatter`. That formatter is ICU's: the first date a process wrote or compared in a query mapped
/// ICU's date-formatting code and its locale and time-zone data (about 4 MB of the daemon's and the dashboard's
/// memory, touched again on every tick that reconciled a job or purged reservations). Rows keep the same text, so
/// databases written before read and compare as they did. Reading stays GRDB's (a parser of its own, no ICU).
enum StoredDate {
    /// The records' encoding of their `Date` properties (`StoredRecord`).
    static let encoding = DatabaseDateEncodingStrategy.custom { text($0) }

    /// `date` in the stored form. The milliseconds are computed as the formatter computed them (CoreFoundation's
    /// absolute time plus the 1970 offset, times 1000, plus a half, rounded down), so the text is the formatter's to
    /// the digit.
    static func text(_ date: Date) -> String {
        let millis = ((date.timeIntervalSinceReferenceDate + 978_307_200) * 1000 + 0.5).rounded(.down)
        // Years 0001...9999 (what four digits hold); a date outside is written at the nearer end.
        let bounded = min(max(millis, -62_135_596_800_000), 253_402_300_799_999)
        let total = Int64(bounded.isNaN ? 0 : bounded)
        let (seconds, fraction) = floorDivide(total, 1000)
        let (days, secondOfDay) = floorDivide(seconds, 86_400)
        let (year, month, day) = civil(fromDays: days)
        var out = ""
        out.reserveCapacity(23)
        append(year, digits: 4, to: &out)
        out.append("-")
        append(month, digits: 2, to: &out)
        out.append("-")
        append(day, digits: 2, to: &out)
        out.append(" ")
        append(secondOfDay / 3600, digits: 2, to: &out)
        out.append(":")
        append(secondOfDay % 3600 / 60, digits: 2, to: &out)
        out.append(":")
        append(secondOfDay % 60, digits: 2, to: &out)
        out.append(".")
        append(fraction, digits: 3, to: &out)
        return out
    }

    /// Quotient rounded toward negative infinity, and the non-negative remainder.
    private static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let q = a / b, r = a % b
        return r < 0 ? (q - 1, r + b) : (q, r)
    }

    /// The proleptic Gregorian date of a day number counted from 1970-01-01 (Howard Hinnant's `civil_from_days`).
    private static func civil(fromDays z: Int64) -> (Int64, Int64, Int64) {
        let z = z + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func append(_ value: Int64, digits: Int, to out: inout String) {
        let text = String(value)
        if text.count < digits { out.append(String(repeating: "0", count: digits - text.count)) }
        out.append(text)
    }
}
