import Foundation

/// Absolute times in tables: `14:05` today, `Nov 26 14:05` on another day this year, `2027-01-03 14:05` in
/// another year, so a reservation "until 09:00" is never read as today's when it is tomorrow's.
public enum ClockTime {
    /// `date` as a table shows it, relative to `now` in `timeZone` (the local one by default).
    public static func text(_ date: Date, now: Date = Date(), timeZone: TimeZone = .current) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = timeZone
        if calendar.isDate(date, inSameDayAs: now) {
            f.dateFormat = "HH:mm"
        } else if calendar.component(.year, from: date) == calendar.component(.year, from: now) {
            f.dateFormat = "MMM d HH:mm"
        } else {
            f.dateFormat = "yyyy-MM-dd HH:mm"
        }
        return f.string(from: date)
    }
}
